package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runner.workspace.GitCli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "runs" phase (issue 4): an orchestration run of a large graph, for real, on H2. A plan of {@code layers} x
 * {@code width} tasks (each task after the first layer depends on two tasks of the layer before) is saved, confirmed
 * and run with {@code max_agents} = width, auto merge, by a `command` agent that writes one new file; the server runs
 * with as many runner slots. R1 is the scheduling overhead per task: from the moment its last dependency was merged
 * (the run's start for the first layer) to its attempt being queued, read from the events' timestamps in the
 * timeline: the run saga hearing of the merge, the run deciding, the saga starting the attempt. R1b is the whole
 * run's wall time, whose floor is the merge queue (one merge at a time).
 */
final class OrchestrationPhase {

    private static final String SCOPE = "runs";
    private static final String DB = "h2";
    private static final String PHASE = "runs";
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);

    private final Options o;
    private final Database db;
    private final List<Result> results;

    OrchestrationPhase(Options o, Database db, List<Result> results) {
        this.o = o;
        this.db = db;
        this.results = results;
    }

    void run() throws Exception {
        GeneratedRepository repository = GeneratedRepository.create(o.work.resolve("runs").resolve("repository"), 20,
                new GitCli("git", GIT_TIMEOUT), message -> Log.line(SCOPE, message));
        db.prepare(PHASE);
        List<String> args = new ArrayList<>(db.serverArgs(PHASE));
        args.add("--baton.runner.slots=" + o.graphWidth);
        try (BatonServer server = BatonServer.start(o.jar, o.serverJvmOptions, args,
                o.work.resolve("server-" + DB + "-" + PHASE + ".log"))) {
            server.awaitHealthy(600);
            Log.line(SCOPE, "server healthy after " + server.startupMillis + " ms");
            try {
                graphRun(server, repository);
            } catch (Exception e) {
                Log.line(SCOPE, "scenario R1 failed: " + e);
                add(Result.failed("R1", "orchestration run", DB, e.toString()));
            }
        }
    }

    private void graphRun(BatonServer server, GeneratedRepository repository) throws Exception {
        Api api = server.api;
        int tasks = o.graphLayers * o.graphWidth;
        String project = AttemptPhase.check(api.post("/api/v1/projects", "{\"name\":\"Big graph\",\"local_path\":"
                + Json.quote(repository.path().toString()) + ",\"default_branch\":\"" + GeneratedRepository.BRANCH
                + "\",\"bot_identity\":{\"name\":\"Baton Bench\",\"email\":\"bench@baton.dev\"}}"), 201)
                .data().get("project_id").asText();
        String plan = AttemptPhase.check(api.post("/api/v1/projects/" + project + "/plans", planBody()), 201).data()
                .get("plan_id").asText();
        Log.line(SCOPE, String.format("confirming a plan of %,d tasks (%d layers of %d)", tasks, o.graphLayers,
                o.graphWidth));
        JsonNode confirmed = AttemptPhase.check(api.post("/api/v1/plans/" + plan + "/confirm", "{}"), 200).data();
        Map<String, String> keyOfTask = new HashMap<>();
        Map<String, List<String>> dependencies = new HashMap<>();
        for (JsonNode task : confirmed.get("tasks")) {
            keyOfTask.put(task.get("task_id").asText(), task.get("key").asText());
            List<String> keys = new ArrayList<>();
            task.get("depends_on").forEach(key -> keys.add(key.asText()));
            dependencies.put(task.get("key").asText(), keys);
        }
        awaitOnBoard(api, project, tasks);
        String agent = AttemptPhase.createAgent(api, "bench-graph", "f=$(mktemp -p . t-XXXXXX.txt); echo done > \"$f\"");
        long started = System.nanoTime();
        String run = AttemptPhase.check(api.post("/api/v1/graphs/" + confirmed.get("graph_id").asText() + "/run",
                "{\"max_agents\":" + o.graphWidth + ",\"agent_profile_id\":\"" + agent + "\",\"merge_policy\":"
                        + "\"auto_on_gates_pass\",\"failure_policy\":\"fail_fast\"}"), 201).data().get("run_id").asText();
        JsonNode state = awaitEnd(api, run, tasks);
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        if (!state.get("status").asText().equals("completed")) {
            throw new IllegalStateException("the run ended " + state.get("status").asText() + ": " + state.get("reason"));
        }

        Map<String, Instant> queued = new HashMap<>();
        Map<String, Instant> merged = new HashMap<>();
        Map<String, Instant> decided = new HashMap<>();
        Instant runStarted = null;
        for (JsonNode item : timeline(api, project)) {
            String type = item.get("type").asText();
            Instant at = Instant.parse(item.get("timestamp").asText());
            String key = keyOfTask.get(item.get("payload").path("task_id").asText());
            switch (type) {
                case "RunStartedEvent" -> runStarted = at;
                case "AttemptQueuedEvent" -> queued.put(key, at);
                case "AttemptMergedEvent" -> merged.put(key, at);
                case "RunTaskStartedEvent" -> decided.putIfAbsent(key, at);
                default -> {
                }
            }
        }
        long[] overhead = new long[queued.size()];
        long[] toDecision = new long[queued.size()];
        long[] toAttempt = new long[queued.size()];
        int i = 0;
        for (Map.Entry<String, Instant> task : queued.entrySet()) {
            Instant ready = runStarted;
            for (String dependency : dependencies.get(task.getKey())) {
                Instant mergedAt = merged.get(dependency);
                ready = mergedAt.isAfter(ready) ? mergedAt : ready;
            }
            overhead[i] = Duration.between(ready, task.getValue()).toNanos();
            toDecision[i] = Duration.between(ready, decided.get(task.getKey())).toNanos();
            toAttempt[i++] = Duration.between(decided.get(task.getKey()), task.getValue()).toNanos();
        }
        Map<String, Object> summary = Stats.summary(overhead);
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("merged_to_run_decision", Stats.summary(toDecision));
        stages.put("run_decision_to_attempt_queued", Stats.summary(toAttempt));
        double mean = Arrays.stream(overhead).average().orElse(0) / 1e6;
        String what = String.format("%,d-task graph, width %d, max_agents %d: scheduling overhead per task"
                + " (dependencies merged -> attempt queued), mean", tasks, o.graphWidth, o.graphWidth);
        add(Result.atMost("R1", what + " (p50 " + Result.fmt(Stats.percentileMs(overhead, 50)) + ", p99 "
                        + Result.fmt(Stats.percentileMs(overhead, 99)) + " ms)", DB, mean, "ms", 50)
                .with("overhead", summary).with("stages", stages).with("tasks", tasks).with("layers", o.graphLayers)
                .with("width", o.graphWidth).with("agent", "bash -c 'mktemp -p . t-XXXXXX.txt; echo done > it'"));
        add(Result.info("R1b", String.format("%,d-task graph run, wall time (%.0f tasks/min)", tasks,
                tasks / wallSeconds * 60), DB, wallSeconds, "s").with("usage", state.get("usage").toString()));
    }

    /** Layer 0 has no dependencies; task (l, i) depends on (l-1, i) and (l-1, i+1 mod width). */
    private String planBody() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int layer = 0; layer < o.graphLayers; layer++) {
            for (int i = 0; i < o.graphWidth; i++) {
                String key = "t" + layer + "-" + i;
                nodes.add(Map.of("key", key, "layer", "task", "title", "Task " + key));
                if (layer > 0) {
                    edges.add(Map.of("from", key, "to", "t" + (layer - 1) + "-" + i, "kind", "depends_on"));
                    edges.add(Map.of("from", key, "to", "t" + (layer - 1) + "-" + (i + 1) % o.graphWidth,
                            "kind", "depends_on"));
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodes", nodes);
        body.put("edges", edges);
        return Json.write(body);
    }

    /** A confirmation answers within seconds; a big graph's tasks may take longer to be placed on the board. */
    private void awaitOnBoard(Api api, String project, int tasks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (AttemptPhase.check(api.get("/api/v1/projects/" + project), 200).data().get("counts").get("backlog")
                .asInt() < tasks) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the confirmed plan's tasks did not reach the board in 5 minutes");
            }
            Thread.sleep(500);
        }
    }

    private JsonNode awaitEnd(Api api, String run, int tasks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(o.graphTimeoutSeconds).toNanos();
        int lastDone = -1;
        while (System.nanoTime() < deadline) {
            Api.Response answer = api.get("/api/v1/runs/" + run);
            if (answer.status() == 404) { // not projected yet
                Thread.sleep(100);
                continue;
            }
            JsonNode state = AttemptPhase.check(answer, 200).data();
            int done = state.get("counts").get("done").asInt();
            if (done / 100 != lastDone / 100) {
                Log.line(SCOPE, String.format("R1: %,d of %,d tasks done, %d running", done, tasks,
                        state.get("running_agents").size()));
                lastDone = done;
            }
            if (!List.of("running", "paused").contains(state.get("status").asText())) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the run did not end within " + o.graphTimeoutSeconds + " s");
    }

    private static List<JsonNode> timeline(Api api, String project) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = AttemptPhase.check(api.get("/api/v1/timeline?limit=500&project_id=" + project + after), 200)
                    .data();
            page.get("items").forEach(items::add);
            if (page.get("next").isNull()) {
                return items;
            }
            after = "&after=" + page.get("next").asText();
        }
    }

    private void add(Result r) {
        results.add(r);
        Log.result(SCOPE, r);
    }
}
