package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runner.workspace.GitCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The "attempts" phase (issue 3): agents run by the server for real, on H2, with {@code command} agent profiles
 * (bash scripts) on a generated 5,000-file repository. Three scenarios on one server started with
 * {@code baton.runner.slots} = 32:
 * <ol>
 *   <li>A1: attempt start latency, from sending {@code POST /tasks/{id}/attempts} to the agent's first action (it
 *   writes {@code date +%s%N} into a file named after its worktree folder, the attempt id), sequential attempts,
 *   each waited until {@code review_ready} before the next;</li>
 *   <li>A2: an agent prints a line carrying its own epoch-nanos time every 50 ms for 10 s; an SSE client of
 *   {@code /attempts/{id}/stream}, opened right after the POST, notes when each line arrives;</li>
 *   <li>A3: 32 attempts of one project ({@code max_parallel_attempts} 32) started at once, each agent sleeping 2 s
 *   and writing a file whose content is its attempt id; all must reach {@code review_ready}, each with exactly its
 *   own file in its diff, on its own branch and commit.</li>
 * </ol>
 * Times taken by the agents ({@code date +%s%N}) and by the harness ({@link SseStream#epochNanos()}) are both the
 * machine's wall clock ({@code CLOCK_REALTIME}); the server's log timestamps ({@code ts}, milliseconds) too.
 */
final class AttemptPhase {

    private static final String SCOPE = "attempts";
    private static final String DB = "h2";
    private static final String PHASE = "attempts";
    private static final String TICK = "bench-tick ";
    private static final String PARALLEL_FILE = "parallel.txt";
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);
    private static final long MARKER_TIMEOUT_SECONDS = 60;
    private static final long ATTEMPT_TIMEOUT_SECONDS = 180;

    private final Options o;
    private final List<Result> results;
    private final Database db;
    private final Path root;
    private final GitCli git = new GitCli("git", GIT_TIMEOUT);
    private GeneratedRepository repository;

    AttemptPhase(Options o, Database db, List<Result> results) {
        this.o = o;
        this.db = db;
        this.results = results;
        this.root = o.work.resolve("attempts");
    }

    void run() throws Exception {
        Log.line(SCOPE, String.format("making a repository of %,d files", o.attemptFiles));
        repository = GeneratedRepository.create(root.resolve("repository"), o.attemptFiles, git,
                message -> Log.line(SCOPE, message));
        db.prepare(PHASE);
        List<String> args = new ArrayList<>(db.serverArgs(PHASE));
        args.add("--baton.runner.slots=" + o.runnerSlots);
        Log.line(SCOPE, "fresh H2 store, server starting with baton.runner.slots=" + o.runnerSlots);
        try (BatonServer server = BatonServer.start(o.jar, o.serverJvmOptions, args,
                o.work.resolve("server-" + DB + "-" + PHASE + ".log"))) {
            server.awaitHealthy(600);
            Log.line(SCOPE, "server healthy after " + server.startupMillis + " ms");
            guarded("A1", "attempt start latency", () -> startLatency(server));
            guarded("A2", "log line agent -> SSE client", () -> logLatency(server));
            guarded("A3", Result.fmt(o.parallelAttempts) + " attempts at once", () -> parallel(server));
            Log.line(SCOPE, "attempts phase done, stopping the server");
        }
    }

    // ---------------------------------------------------------------------------------------- A1: start latency

    /** What one sequential attempt took: harness times (epoch ns) and the server's log timestamps (epoch ms). */
    private record Start(String attemptId, long sent, long answered, long agentStarted, long reviewSeen,
                         Map<String, Long> logMillis) {
    }

    private void startLatency(BatonServer server) throws Exception {
        Api api = server.api;
        Path markers = Files.createDirectories(root.resolve("markers-start"));
        String project = createProject(api, "Attempt starts", o.parallelAttempts);
        // the agent's first action: the time, into a file named after its worktree folder (the attempt id)
        String agent = createAgent(api, "bench-start", "date +%s%N > " + markers + "/${PWD##*/}");
        int total = o.attemptStartWarmups + o.attemptStarts;
        Log.line(SCOPE, String.format("A1: %d sequential attempts on the %,d-file repository (%d not counted:"
                + " warm-up), each waited until review_ready", total, repository.files(), o.attemptStartWarmups));
        List<Start> starts = new ArrayList<>();
        String load = ProcStats.loadAverage();
        ProcStats.Cpu cpu0 = null;
        for (int i = 0; i < total; i++) {
            if (i == o.attemptStartWarmups) {
                cpu0 = ProcStats.Cpu.sample(server.pid());
            }
            String task = createTask(api, project, "Start " + i);
            long sent = SseStream.epochNanos();
            Api.Response created = api.post("/api/v1/tasks/" + task + "/attempts", startBody(agent));
            long answered = SseStream.epochNanos();
            String attempt = check(created, 201).data().get("attempt_id").asText();
            long agentStarted = awaitMarker(markers.resolve(attempt), attempt);
            awaitStatus(api, attempt, "review_ready", 20);
            long reviewSeen = SseStream.epochNanos();
            starts.add(new Start(attempt, sent, answered, agentStarted, reviewSeen, milestones(api, attempt)));
            if ((i + 1) % 10 == 0 || i + 1 == total) {
                Log.line(SCOPE, String.format("A1: %d of %d attempts, the last started its agent %.0f ms after"
                        + " the POST", i + 1, total, (agentStarted - sent) / 1e6));
            }
        }
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        List<Start> counted = starts.subList(o.attemptStartWarmups, starts.size());
        long[] latencies = counted.stream().mapToLong(s -> s.agentStarted() - s.sent()).toArray();
        double p50 = Stats.percentileMs(latencies, 50);
        double p90 = Stats.percentileMs(latencies, 90);
        double p99 = Stats.percentileMs(latencies, 99);
        double max = Stats.percentileMs(latencies, 100);
        String what = String.format("attempt start: POST -> agent running, %,d-file repository, %d sequential",
                repository.files(), counted.size());
        Map<String, Object> stages = startStages(counted);
        List<Double> byAttempt = counted.stream().map(s -> Stats.ms(s.agentStarted() - s.sent())).toList();
        List<Double> warmUps = starts.subList(0, o.attemptStartWarmups).stream()
                .map(s -> Stats.ms(s.agentStarted() - s.sent())).toList();
        add(Result.atMost("A1", what + ", p50 (p90 " + Result.fmt(p90) + " ms)", DB, p50, "ms", 500)
                .with("latency", Stats.summary(latencies)).with("attempts", counted.size())
                .with("warm_up_attempts_ms", warmUps).with("ms_by_attempt", byAttempt)
                .with("stages_ms", stages).with("agent", "bash -c 'date +%s%N > <markers>/${PWD##*/}'")
                .with("gates", "test: true").with("repository", repository.describe())
                .with("runner_slots", o.runnerSlots).with("cpu", cpu).with("load_average_before", load));
        add(Result.atMost("A1b", what + ", p99 (max " + Result.fmt(max) + " ms)", DB, p99, "ms", 1500)
                .with("p90_ms", p90).with("max_ms", max));
    }

    /**
     * Where the time of each start went, from the attempt's own log (server timestamps, milliseconds): the POST
     * answered; the runner's {@code STATUS queued}; the claim ({@code PROGRESS workspace 1/3}, "creating the
     * workspace"); the workspace made ({@code PROGRESS agent 2/3}, "starting the agent"); the agent's first action
     * (its marker); the attempt {@code review_ready} ({@code STATUS}).
     */
    private static Map<String, Object> startStages(List<Start> starts) {
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        for (Start s : starts) {
            Map<String, Long> log = s.logMillis();
            long sentMs = s.sent() / 1_000_000;
            long agentMs = s.agentStarted() / 1_000_000;
            stage(stages, "post_answered", s.answered() - s.sent());
            stage(stages, "post_sent_to_status_queued_logged", log, "queued", sentMs, null);
            stage(stages, "queued_to_claimed_workspace_started", log, "workspace", null, "queued");
            stage(stages, "workspace_creation", log, "agent", null, "workspace");
            Long spawnFrom = log.get("agent");
            if (spawnFrom != null) {
                stage(stages, "agent_spawn_to_first_action", (agentMs - spawnFrom) * 1_000_000);
            }
            Long review = log.get("review_ready");
            if (review != null) {
                stage(stages, "first_action_to_review_ready", (review - agentMs) * 1_000_000);
                stage(stages, "post_sent_to_review_ready", (review - sentMs) * 1_000_000);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        stages.forEach((name, nanos) -> out.put(name, Stats.summary(nanos.stream().mapToLong(Long::longValue).toArray())));
        out.put("note", "from the attempt's log (server timestamps, ms resolution) and the agent's marker; harness,"
                + " agent and server share the machine's clock");
        return out;
    }

    private static void stage(Map<String, List<Long>> stages, String name, long nanos) {
        stages.computeIfAbsent(name, n -> new ArrayList<>()).add(nanos);
    }

    private static void stage(Map<String, List<Long>> stages, String name, Map<String, Long> log, String to,
                              Long fromMs, String fromMilestone) {
        Long end = log.get(to);
        Long start = fromMs != null ? fromMs : log.get(fromMilestone);
        if (end != null && start != null) {
            stage(stages, name, (end - start) * 1_000_000);
        }
    }

    /** The attempt's log milestones, by name: their server timestamps in epoch milliseconds. */
    private static Map<String, Long> milestones(Api api, String attempt) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (JsonNode m : logMessages(api, attempt)) {
            JsonNode event = m.get("event");
            JsonNode payload = event.path("payload");
            long ts = Instant.parse(m.get("ts").asText()).toEpochMilli();
            switch (event.get("kind").asText()) {
                case "STATUS" -> out.putIfAbsent(payload.path("to").asText(), ts);
                case "PROGRESS" -> {
                    String phase = payload.path("phase").asText();
                    int step = payload.path("step").asInt();
                    if (phase.equals("workspace") && step == 1) {
                        out.putIfAbsent("workspace", ts);
                    } else if (phase.equals("agent") && step == 2) {
                        out.putIfAbsent("agent", ts);
                    } else if (phase.equals("agent") && step == 3) {
                        out.putIfAbsent("agent_running", ts);
                    }
                }
                default -> {
                    // other messages are not milestones
                }
            }
        }
        return out;
    }

    private static List<JsonNode> logMessages(Api api, String attempt) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 100; page++) {
            JsonNode data = check(api.get("/api/v1/attempts/" + attempt + "/logs?limit=500" + after), 200).data();
            data.get("items").forEach(all::add);
            JsonNode next = data.path("next");
            if (next.isMissingNode() || next.isNull() || next.asText().isEmpty() || data.get("items").isEmpty()) {
                break;
            }
            after = "&after=" + next.asText();
        }
        return all;
    }

    // ------------------------------------------------------------------------------------------ A2: log latency

    private void logLatency(BatonServer server) throws Exception {
        Api api = server.api;
        String project = createProject(api, "Log lines", 1);
        int lines = o.logLines;
        String agent = createAgent(api, "bench-ticks", "for i in $(seq 1 " + lines + "); do echo \"" + TICK
                + "$i $(date +%s%N)\"; sleep " + o.logIntervalMs / 1000.0 + "; done");
        String task = createTask(api, project, "Ticks");
        Log.line(SCOPE, "A2: an agent prints " + lines + " timestamped lines, one every " + o.logIntervalMs
                + " ms; an SSE client of the attempt's stream notes when each arrives");
        String load = ProcStats.loadAverage();
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        long sent = SseStream.epochNanos();
        String attempt = check(api.post("/api/v1/tasks/" + task + "/attempts", startBody(agent)), 201).data()
                .get("attempt_id").asText();
        List<Long> latencies = new ArrayList<>();
        List<Long> agentToStored = new ArrayList<>();
        List<Long> storedToClient = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int beforeConnected = 0;
        int duplicates = 0;
        long lastSeq = 0;
        int outOfOrder = 0;
        String end = null;
        long connected;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ATTEMPT_TIMEOUT_SECONDS);
        try (SseStream stream = SseStream.open(api.base(), "/api/v1/attempts/" + attempt + "/stream")) {
            while (end == null) {
                SseStream.Message m = stream.next(deadline);
                if (m == null) {
                    throw new IllegalStateException(stream.ended() ? "the stream ended: " + stream.failure()
                            : "attempt " + attempt + " did not finish within " + ATTEMPT_TIMEOUT_SECONDS + " s");
                }
                JsonNode json = Json.parse(m.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                long seq = json.path("seq").asLong();
                if (seq <= lastSeq) {
                    outOfOrder++;
                }
                lastSeq = Math.max(lastSeq, seq);
                JsonNode event = json.get("event");
                JsonNode payload = event.path("payload");
                String kind = event.path("kind").asText();
                if (kind.equals("STATUS") && Set.of("review_ready", "failed", "cancelled").contains(payload.path("to").asText())) {
                    end = payload.path("to").asText();
                } else if (kind.equals("LOG") && payload.path("message").asText().startsWith(TICK)) {
                    String[] parts = payload.path("message").asText().substring(TICK.length()).trim().split(" ");
                    int number = Integer.parseInt(parts[0]);
                    long printed = Long.parseLong(parts[1]);
                    if (!seen.add(number)) {
                        duplicates++;
                        continue;
                    }
                    if (stream.connectedEpochNanos() == 0 || printed < stream.connectedEpochNanos()) {
                        beforeConnected++; // caught up from the stored log, not live: not counted
                        continue;
                    }
                    long storedMs = Instant.parse(json.get("ts").asText()).toEpochMilli();
                    latencies.add(m.receivedEpochNanos() - printed);
                    agentToStored.add(storedMs * 1_000_000 - printed);
                    storedToClient.add(m.receivedEpochNanos() - storedMs * 1_000_000);
                }
            }
            connected = stream.connectedEpochNanos();
        }
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        double p50 = Stats.percentileMs(nanos, 50);
        double p99 = Stats.percentileMs(nanos, 99);
        double max = Stats.percentileMs(nanos, 100);
        boolean complete = end.equals("review_ready") && seen.size() == lines && duplicates == 0 && outOfOrder == 0;
        Result r = new Result("A2", String.format("log line: agent prints -> SSE client receives, %d lines, p99"
                + " (p50 %s ms, max %s ms)", nanos.length, Result.fmt(p50), Result.fmt(max)), DB, p99, "ms",
                "<= 200 ms", p99 <= 200 && complete);
        add(r.with("latency", Stats.summary(nanos)).with("lines_measured", nanos.length).with("lines_printed", lines)
                .with("lines_received", seen.size()).with("lines_before_stream_connected", beforeConnected)
                .with("duplicates", duplicates).with("out_of_order", outOfOrder).with("attempt_ended", end)
                .with("interval_ms", o.logIntervalMs)
                .with("stream_connected_after_post_ms", connected == 0 ? null : Stats.ms(connected - sent))
                .with("agent_print_to_stored_in_log_ms", Stats.summary(agentToStored.stream().mapToLong(Long::longValue).toArray()))
                .with("stored_in_log_to_client_ms", Stats.summary(storedToClient.stream().mapToLong(Long::longValue).toArray()))
                .with("agent", "bash: for i in $(seq 1 " + lines + "); do echo \"" + TICK + "$i $(date +%s%N)\"; sleep "
                        + o.logIntervalMs / 1000.0 + "; done")
                .with("note", "the server's log timestamp (ts) has millisecond resolution, so the two halves are"
                        + " +-1 ms")
                .with("cpu", cpu).with("load_average_before", load));
        if (!complete) {
            r.with("problem", "the attempt ended " + end + ", " + seen.size() + " of " + lines + " lines received, "
                    + duplicates + " twice, " + outOfOrder + " out of order");
        }
    }

    // -------------------------------------------------------------------------------------- A3: 32 in parallel

    private void parallel(BatonServer server) throws Exception {
        Api api = server.api;
        int n = o.parallelAttempts;
        Path markers = Files.createDirectories(root.resolve("markers-parallel"));
        String project = createProject(api, "Parallel", n);
        String agent = createAgent(api, "bench-parallel", "date +%s%N > " + markers + "/${PWD##*/}; sleep 2;"
                + " echo \"${PWD##*/}\" > " + PARALLEL_FILE);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(api, project, "Parallel " + i));
        }
        Log.line(SCOPE, "A3: " + n + " attempts of one project (max_parallel_attempts " + n + ") started at once from "
                + n + " threads");
        String load = ProcStats.loadAverage();
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        long[] sent = new long[n];
        long[] answered = new long[n];
        String[] attempts = new String[n];
        String[] errors = new String[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                Api own = new Api(api.base());
                ready.countDown();
                try {
                    if (!go.await(60, TimeUnit.SECONDS)) {
                        errors[k] = "not released";
                        return;
                    }
                    sent[k] = SseStream.epochNanos();
                    Api.Response created = own.post("/api/v1/tasks/" + tasks.get(k) + "/attempts", startBody(agent));
                    answered[k] = SseStream.epochNanos();
                    attempts[k] = check(created, 201).data().get("attempt_id").asText();
                } catch (Exception e) {
                    errors[k] = e.toString();
                }
            }, "bench-attempt-" + i);
            threads.add(t);
            t.start();
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the " + n + " client threads did not start");
        }
        go.countDown();
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (attempts[i] == null) {
                problems.add("POST " + i + " failed: " + errors[i]);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        long firstPost = java.util.Arrays.stream(sent).min().orElseThrow();
        long lastPost = java.util.Arrays.stream(sent).max().orElseThrow();
        Log.line(SCOPE, String.format("A3: %d attempts posted within %.0f ms; waiting for review_ready", n,
                (lastPost - firstPost) / 1e6));

        // Polled every 250 ms (bounded); the figure's end times come from the attempts' logs, not from the polling.
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        Map<String, Long> seenAt = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.parallelTimeoutSeconds);
        while (finished.size() < n && System.nanoTime() < deadline) {
            for (String attempt : attempts) {
                if (finished.containsKey(attempt)) {
                    continue;
                }
                JsonNode view = check(api.get("/api/v1/attempts/" + attempt), 200).data();
                String status = view.get("status").asText();
                if (Set.of("review_ready", "failed", "cancelled").contains(status)) {
                    finished.put(attempt, view);
                    seenAt.put(attempt, SseStream.epochNanos());
                }
            }
            if (finished.size() < n) {
                Thread.sleep(250);
            }
        }
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        long lastSeen = seenAt.values().stream().mapToLong(Long::longValue).max().orElse(SseStream.epochNanos());

        // every attempt: review_ready, exactly its own file in its diff, its own branch and head commit
        Set<String> branches = new HashSet<>();
        Set<String> heads = new HashSet<>();
        long lastReviewMs = 0;
        List<Long> startLatencies = new ArrayList<>();
        List<Start> starts = new ArrayList<>();
        int reviewReady = 0;
        int ownDiffs = 0;
        for (int i = 0; i < n; i++) {
            String attempt = attempts[i];
            JsonNode view = finished.get(attempt);
            if (view == null) {
                problems.add(attempt + " not finished within " + o.parallelTimeoutSeconds + " s");
                continue;
            }
            if (!view.get("status").asText().equals("review_ready")) {
                problems.add(attempt + " ended " + view.get("status").asText() + ": " + view.path("failure_reason").asText());
                continue;
            }
            reviewReady++;
            Map<String, Long> log = milestones(api, attempt);
            Long reviewMs = log.get("review_ready");
            if (reviewMs == null) {
                problems.add(attempt + ": no STATUS review_ready in its log");
            } else {
                lastReviewMs = Math.max(lastReviewMs, reviewMs);
            }
            Long marker = readMarker(markers.resolve(attempt));
            if (marker == null) {
                problems.add(attempt + ": its agent left no marker (worktree folder not named after the attempt?)");
            } else {
                startLatencies.add(marker - sent[i]);
                starts.add(new Start(attempt, sent[i], answered[i], marker, seenAt.get(attempt), log));
            }
            String problem = ownDiff(api, attempt, view, branches, heads);
            if (problem == null) {
                ownDiffs++;
            } else {
                problems.add(problem);
            }
        }
        boolean pass = problems.isEmpty() && reviewReady == n && ownDiffs == n;
        double wallSeconds = lastReviewMs == 0 ? Double.NaN : (lastReviewMs * 1_000_000 - firstPost) / 1e9;
        double perMinute = n / (wallSeconds / 60);
        Result r = new Result("A3", String.format("%d attempts at once, one project: first POST -> last review_ready"
                        + " (%d/%d review_ready, %d own diffs)", n, reviewReady, n, ownDiffs), DB,
                ProcStats.round(wallSeconds), "s", "all " + n + " review_ready, distinct diffs", pass);
        add(r.with("review_ready", reviewReady).with("own_diffs", ownDiffs).with("distinct_branches", branches.size())
                .with("distinct_head_commits", heads.size()).with("problems", problems)
                .with("wall_seconds_from_log", ProcStats.round(wallSeconds))
                .with("wall_seconds_seen_by_polling", ProcStats.round((lastSeen - firstPost) / 1e9))
                .with("posts_spread_ms", Stats.ms(lastPost - firstPost))
                .with("attempts_per_minute", ProcStats.round(perMinute))
                .with("start_latency_under_load", Stats.summary(startLatencies.stream().mapToLong(Long::longValue).toArray()))
                .with("stages_ms", startStages(starts))
                .with("agent", "bash -c 'date +%s%N > <markers>/${PWD##*/}; sleep 2; echo \"${PWD##*/}\" > "
                        + PARALLEL_FILE + "'")
                .with("runner_slots", o.runnerSlots).with("max_parallel_attempts", n)
                .with("cpu", cpu).with("peak_rss_mib", server.peakRssKb() / 1024.0).with("load_average_before", load));
        add(Result.info("A3r", n + " attempts at once: throughput", DB, ProcStats.round(perMinute), "attempts/min"));
        if (!problems.isEmpty()) {
            Log.line(SCOPE, "A3 problems: " + problems);
        }
    }

    /** Null if the attempt's diff is exactly {@value #PARALLEL_FILE} holding its id, on a branch and commit of its own. */
    private String ownDiff(Api api, String attempt, JsonNode view, Set<String> branches, Set<String> heads)
            throws Exception {
        String branch = view.path("branch").asText();
        String head = view.path("head_commit").asText();
        if (!branches.add(branch)) {
            return attempt + ": branch " + branch + " shared with another attempt";
        }
        if (!heads.add(head)) {
            return attempt + ": head commit " + head + " shared with another attempt";
        }
        if (head.equals(view.path("base_commit").asText())) {
            return attempt + ": no commit made (head = base)";
        }
        JsonNode stat = view.path("diff_stat");
        if (stat.path("files").asInt() != 1 || stat.path("additions").asInt() != 1 || stat.path("deletions").asInt() != 0) {
            return attempt + ": diff_stat " + stat;
        }
        JsonNode files = check(api.get("/api/v1/attempts/" + attempt + "/diff"), 200).data().get("files");
        if (files.size() != 1) {
            return attempt + ": the diff has " + files.size() + " files";
        }
        JsonNode file = files.get(0);
        if (!file.path("path").asText().equals(PARALLEL_FILE) || !file.path("change").asText().equals("added")) {
            return attempt + ": the diff holds " + file.path("change").asText() + " " + file.path("path").asText();
        }
        List<String> added = file.path("patch").asText().lines().filter(l -> l.startsWith("+")).toList();
        if (!added.equals(List.of("+" + attempt))) {
            return attempt + ": the file's added lines are " + added;
        }
        String ref = git.run(repository.path(), "rev-parse", "refs/heads/" + branch).strip();
        if (!ref.equals(head)) {
            return attempt + ": branch " + branch + " is at " + ref + " in the repository, not at " + head;
        }
        return null;
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private interface Step {
        void run() throws Exception;
    }

    private void guarded(String id, String scenario, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            Log.line(SCOPE, "scenario " + id + " failed: " + e);
            add(Result.failed(id, scenario, DB, e.toString()));
        }
    }

    private void add(Result r) {
        results.add(r);
        Log.result(SCOPE, r);
    }

    private String createProject(Api api, String name, int maxParallel) throws Exception {
        return check(api.post("/api/v1/projects", "{\"name\":" + Json.quote(name) + ",\"local_path\":"
                + Json.quote(repository.path().toString()) + ",\"default_branch\":\"" + GeneratedRepository.BRANCH
                + "\",\"commands\":{\"test\":\"true\"},\"budgets\":{\"max_parallel_attempts\":" + maxParallel + "},"
                + "\"bot_identity\":{\"name\":\"Baton Bench\",\"email\":\"bench@baton.dev\"}}"), 201)
                .data().get("project_id").asText();
    }

    static String createAgent(Api api, String name, String script) throws Exception {
        return check(api.post("/api/v1/agents", "{\"name\":" + Json.quote(name) + ",\"adapter\":\"command\","
                + "\"command\":[\"bash\",\"-c\"," + Json.quote(script) + "]}"), 201).data().get("agent_profile_id").asText();
    }

    private static String createTask(Api api, String project, String title) throws Exception {
        return check(api.post("/api/v1/projects/" + project + "/tasks", "{\"title\":" + Json.quote(title) + "}"), 201)
                .data().get("task_id").asText();
    }

    private static String startBody(String agent) {
        return "{\"agent_profile_id\":" + Json.quote(agent) + ",\"prompt\":\"Benchmark attempt\"}";
    }

    /** Waits for the agent's marker (bounded), polling the file system every 2 ms; answers its time (epoch ns). */
    private static long awaitMarker(Path marker, String attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MARKER_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Long time = readMarker(marker);
            if (time != null) {
                return time;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the agent of attempt " + attempt + " did not start within "
                + MARKER_TIMEOUT_SECONDS + " s (no " + marker + ")");
    }

    /** The marker's time, null while it does not exist or is being written. */
    private static Long readMarker(Path marker) throws IOException {
        try {
            String text = Files.readString(marker).strip();
            return text.isEmpty() ? null : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return null;
        } catch (NumberFormatException e) {
            return null; // half written
        }
    }

    /** Polls {@code GET /attempts/{id}} every {@code everyMillis} until the status, bounded; failed or cancelled throw. */
    private static JsonNode awaitStatus(Api api, String attempt, String wanted, long everyMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ATTEMPT_TIMEOUT_SECONDS);
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            view = check(api.get("/api/v1/attempts/" + attempt), 200).data();
            String status = view.get("status").asText();
            if (status.equals(wanted)) {
                return view;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("attempt " + attempt + " ended " + status + ": "
                        + view.path("failure_reason").asText());
            }
            Thread.sleep(everyMillis);
        }
        throw new IllegalStateException("attempt " + attempt + " not " + wanted + " within " + ATTEMPT_TIMEOUT_SECONDS
                + " s: " + view);
    }

    static Api.Response check(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + r.status() + ": " + r.text());
        }
        return r;
    }
}
