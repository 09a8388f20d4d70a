package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** All scenarios on one database: the "main" phase (REST load) and the "replay" phase (seeded store). */
final class Suite {

    private static final String[] COLUMNS = {"backlog", "todo", "in_progress", "review", "done"};

    private final Options o;
    private final Database db;
    private final List<Result> results;
    private final String name;
    private boolean replayFinished;

    Suite(Options o, Database db, List<Result> results) {
        this.o = o;
        this.db = db;
        this.results = results;
        this.name = db.name();
    }

    void run() throws Exception {
        if (o.phases.contains("main")) {
            mainPhase();
        }
        if (o.phases.contains("replay")) {
            replayPhase();
        }
    }

    // ------------------------------------------------------------------------------------------------ main phase

    private void mainPhase() throws Exception {
        log("main phase: fresh store, server starting");
        db.prepare("main");
        try (BatonServer server = BatonServer.start(o.jar, o.serverJvmOptions, db.serverArgs("main"), serverLog("main"))) {
            server.awaitHealthy(600);
            add(Result.info("7a", "startup to healthy (empty store)", name, server.startupMillis, "ms")
                    .with("load_average", ProcStats.loadAverage()).with("command_line", server.commandLine));
            Thread.sleep(o.idleSettleSeconds * 1000L);
            add(Result.info("7c", "RSS idle after startup", name, server.rssKb() / 1024.0, "MiB")
                    .with("settle_seconds", o.idleSettleSeconds));
            if (o.jitWarmupMaxSeconds > 0) {
                guarded("0", "JIT warm-up: mixed load until the compiler is idle", () -> jitWarmup(server));
            }
            guarded("1", "create tasks, 8 clients, own project each", () -> createOwnProjects(server));
            String shared = guarded("1b", "create tasks, 8 clients, one shared project", () -> createSharedProject(server));
            if (shared != null) {
                guarded("4", "GET board of " + String.format("%,d", o.sharedProjectTasks) + " tasks, p99",
                        () -> bigBoard(server, shared));
            }
            guarded("2", "moves of one task, sequential", () -> moves(server));
            guarded("3", "read-your-writes", () -> readYourWrites(server));
            Thread.sleep(o.idleSettleSeconds * 1000L);
            add(Result.info("7d", "RSS after the load (idle " + o.idleSettleSeconds + " s)", name, server.rssKb() / 1024.0, "MiB")
                    .with("peak_rss_mib", server.peakRssKb() / 1024.0));
            log("main phase done, stopping the server");
        }
    }

    /**
     * A fresh JVM spends its first minutes compiling: measured on this server, the JIT compiler threads used about
     * one of the two cores for two to three minutes after startup. The figures are of a warmed server, so the
     * operations of the main phase (create, move, board and task reads) run in rounds until the compiler threads
     * are nearly idle. Its own projects and tasks are not part of any later figure.
     */
    private String jitWarmup(BatonServer server) throws Exception {
        Api api = server.api;
        List<String> projects = new ArrayList<>();
        for (int c = 0; c < o.clients; c++) {
            projects.add(createProject(api, "Warm-up " + c));
        }
        Load.Operation op = (client, i, a) -> {
            String project = projects.get(client);
            Api.Response created = a.post("/api/v1/projects/" + project + "/tasks", taskBody("Warm-up " + client + "-" + i));
            if (created.status() != 201) {
                return false;
            }
            String task = created.data().get("task_id").asText();
            Api.Response moved = a.post("/api/v1/tasks/" + task + "/move", "{\"column\":\"" + COLUMNS[(int) (i % COLUMNS.length)] + "\"}");
            if (moved.status() != 200) {
                return false;
            }
            long version = moved.data().get("version").asLong();
            boolean read = a.get("/api/v1/tasks/" + task + "?min_version=" + version).status() == 200;
            return read && (i % 20 != 0 || a.get("/api/v1/projects/" + project + "/board").status() == 200);
        };
        log("0: JIT warm-up, rounds of " + o.jitWarmupRoundSeconds + " s until the compiler threads use < "
                + o.jitQuietCores + " cores (at most " + o.jitWarmupMaxSeconds + " s)");
        long start = System.nanoTime();
        long ops = 0;
        List<Double> compilerCores = new ArrayList<>();
        while (true) {
            long ticks0 = ProcStats.compilerTicks(server.pid());
            long t0 = System.nanoTime();
            Load.Outcome round = Load.run(api.base(), o.clients, Long.MAX_VALUE, o.jitWarmupRoundSeconds * 1000L, op);
            double cores = ProcStats.ticksToSeconds(ProcStats.compilerTicks(server.pid()) - ticks0) / ((System.nanoTime() - t0) / 1e9);
            compilerCores.add(ProcStats.round(cores));
            ops += round.ok();
            if (round.errors() > 0) {
                throw new IllegalStateException("warm-up operation failed: " + round.firstError());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            log(String.format("0: %.0f s, JIT compiler threads %.2f cores in the last round", elapsed, cores));
            if (cores < o.jitQuietCores || elapsed >= o.jitWarmupMaxSeconds) {
                waitLive(api, 600);
                add(Result.info("0", "JIT warm-up (mixed load until the compiler is idle)", name, elapsed, "s")
                        .with("operations", ops).with("compiler_cores_per_round", compilerCores)
                        .with("quiet", cores < o.jitQuietCores));
                return null;
            }
        }
    }

    private String createOwnProjects(BatonServer server) throws Exception {
        Api api = server.api;
        List<String> projects = new ArrayList<>();
        for (int c = 0; c < o.clients; c++) {
            projects.add(createProject(api, "Create load " + c));
        }
        Load.Operation op = (client, i, a) -> a.post("/api/v1/projects/" + projects.get(client) + "/tasks",
                taskBody("Task " + client + "-" + i)).status() == 201;
        log("1: warming up " + o.createWarmupSeconds + " s with " + o.clients + " clients");
        Load.Outcome warm = Load.run(api.base(), o.clients, Long.MAX_VALUE, o.createWarmupSeconds * 1000L, op);
        waitLive(api, 300);
        log("1: measuring (at most " + o.createMeasureSeconds + " s or " + o.createMeasureMax + " commands)");
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        String load = ProcStats.loadAverage();
        Load.Outcome out = Load.run(api.base(), o.clients, o.createMeasureMax, o.createMeasureSeconds * 1000L, op);
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        JsonNode lag = projections(api);
        long catchUp = waitLive(api, 600);
        double target = name.equals("h2") ? 1000 : 600;
        double rate = out.perSecond();
        Result r = new Result("1", "create tasks, 8 clients, own project each", name, rate, "cmd/s",
                ">= " + Result.fmt(target) + " cmd/s", rate >= target && out.errors() == 0);
        add(r.with("commands", out.ok()).with("errors", out.errors()).with("first_error", out.firstError())
                .with("seconds", out.elapsedNanos() / 1e9).with("warmup_commands", warm.ok())
                .with("latency", Stats.summary(out.latencies())).with("cpu", cpu).with("load_average_before", load)
                .with("projection_lag_at_end", lagSummary(lag)).with("projection_catch_up_ms", catchUp));
        return null;
    }

    private String createSharedProject(BatonServer server) throws Exception {
        Api api = server.api;
        String project = createProject(api, "Big board");
        Load.Operation op = (client, i, a) -> a.post("/api/v1/projects/" + project + "/tasks",
                taskBody("Card " + i)).status() == 201;
        log("1b: " + o.clients + " clients create " + o.sharedProjectTasks + " tasks in one project");
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        Load.Outcome out = Load.run(api.base(), o.clients, o.sharedProjectTasks, TimeUnit.MINUTES.toMillis(10), op);
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        long catchUp = waitLive(api, 600);
        double target = name.equals("h2") ? 1000 : 600;
        double rate = out.perSecond();
        add(new Result("1b", "create tasks, 8 clients, one shared project", name, rate, "cmd/s",
                ">= " + Result.fmt(target) + " cmd/s", rate >= target && out.errors() == 0)
                .with("commands", out.ok()).with("errors", out.errors()).with("first_error", out.firstError())
                .with("seconds", out.elapsedNanos() / 1e9).with("latency", Stats.summary(out.latencies()))
                .with("cpu", cpu).with("projection_catch_up_ms", catchUp));
        if (out.ok() != o.sharedProjectTasks) {
            throw new IllegalStateException("only " + out.ok() + " of " + o.sharedProjectTasks + " tasks were created: "
                    + out.firstError());
        }
        return project;
    }

    private String bigBoard(BatonServer server, String project) throws Exception {
        Api api = server.api;
        waitLive(api, 600);
        String path = "/api/v1/projects/" + project + "/board";
        Api.Response first = api.get(path);
        int cards = cardCount(first.data());
        if (cards != o.sharedProjectTasks) {
            throw new IllegalStateException("the board shows " + cards + " cards, expected " + o.sharedProjectTasks);
        }
        log("4: GET board of " + cards + " cards, " + o.boardRequests + " times");
        for (int i = 0; i < o.boardWarmup; i++) {
            api.get(path);
        }
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        long[] latencies = sequentialGets(api, path, o.boardRequests);
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        double p99 = Stats.percentileMs(latencies, 99);
        add(Result.atMost("4", "GET board of " + String.format("%,d", cards) + " tasks, p99", name, p99, "ms", 150)
                .with("cards", cards).with("response_bytes", first.body().length)
                .with("latency", Stats.summary(latencies)).with("cpu", cpu));
        return null;
    }

    private String moves(BatonServer server) throws Exception {
        Api api = server.api;
        String project = createProject(api, "Moves");
        for (int i = 0; i < 20; i++) {
            check(api.post("/api/v1/projects/" + project + "/tasks", taskBody("Neighbour " + i)), 201);
        }
        String task = check(api.post("/api/v1/projects/" + project + "/tasks", taskBody("The moving card")), 201)
                .data().get("task_id").asText();
        log("2: " + o.moves + " sequential moves of one task");
        int blocks = o.moves / o.moveBlock;
        long[] blockNanos = new long[blocks];
        long[] latencies = new long[o.moves];
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        long start = System.nanoTime();
        long blockStart = start;
        long version = 0;
        for (int k = 0; k < blocks * o.moveBlock; k++) {
            String column = COLUMNS[(k + 1) % COLUMNS.length];
            long t0 = System.nanoTime();
            Api.Response r = api.post("/api/v1/tasks/" + task + "/move", "{\"column\":\"" + column + "\"}");
            latencies[k] = System.nanoTime() - t0;
            version = r.data().get("version").asLong();
            if ((k + 1) % o.moveBlock == 0) {
                long now = System.nanoTime();
                blockNanos[k / o.moveBlock] = now - blockStart;
                blockStart = now;
            }
        }
        long elapsed = System.nanoTime() - start;
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        int done = blocks * o.moveBlock;
        if (version != done) {
            throw new IllegalStateException("the last move answered version " + version + ", expected " + done);
        }
        List<Double> blockRates = new ArrayList<>();
        for (long b : blockNanos) {
            blockRates.add(ProcStats.round(o.moveBlock / (b / 1e9)));
        }
        double rate = done / (elapsed / 1e9);
        add(Result.atLeast("2a", "moves of one task (" + String.format("%,d", done) + " events of history), sequential",
                        name, rate, "moves/s", 300)
                .with("moves", done).with("seconds", elapsed / 1e9).with("latency", Stats.summary(latencies))
                .with("block_size", o.moveBlock).with("moves_per_second_by_block", blockRates).with("cpu", cpu));
        double ratio = (double) blockNanos[blocks - 1] / blockNanos[0];
        add(new Result("2b", "moves: time of last " + String.format("%,d", o.moveBlock) + " / first "
                + String.format("%,d", o.moveBlock), name, ratio, "x", "<= 1.20 x", ratio <= 1.2)
                .with("first_block_ms", blockNanos[0] / 1e6).with("last_block_ms", blockNanos[blocks - 1] / 1e6)
                .with("first_block_latency", Stats.summary(java.util.Arrays.copyOfRange(latencies, 0, o.moveBlock)))
                .with("last_block_latency", Stats.summary(java.util.Arrays.copyOfRange(latencies, done - o.moveBlock, done))));
        return null;
    }

    private String readYourWrites(BatonServer server) throws Exception {
        Api api = server.api;
        String project = createProject(api, "Read your writes");
        List<String> tasks = new ArrayList<>();
        int[] column = new int[o.rywTasks];
        for (int i = 0; i < o.rywTasks; i++) {
            tasks.add(check(api.post("/api/v1/projects/" + project + "/tasks", taskBody("RYW " + i)), 201)
                    .data().get("task_id").asText());
        }
        waitLive(api, 120);
        log("3: read-your-writes, " + o.rywIterations + " moves, each read back (board poll / ?min_version)");
        String board = "/api/v1/projects/" + project + "/board";
        List<Long> boardPoll = new ArrayList<>();
        List<Long> minVersion = new ArrayList<>();
        int polls = 0;
        int timeouts = 0;
        for (int i = 0; i < o.rywIterations; i++) {
            int t = i % tasks.size();
            column[t] = (column[t] + 1) % COLUMNS.length;
            String target = COLUMNS[column[t]];
            String task = tasks.get(t);
            long version = api.post("/api/v1/tasks/" + task + "/move", "{\"column\":\"" + target + "\"}").data()
                    .get("version").asLong();
            long answered = System.nanoTime();
            if (i % 2 == 0) {
                long deadline = answered + TimeUnit.SECONDS.toNanos(5);
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    polls++;
                    seen = cardIn(api.get(board).data(), target, task);
                }
                if (!seen) {
                    timeouts++;
                }
                boardPoll.add(System.nanoTime() - answered);
            } else {
                Api.Response r = api.get("/api/v1/tasks/" + task + "?min_version=" + version);
                if (r.status() != 200 || !r.data().get("column").asText().equals(target)) {
                    timeouts++;
                }
                minVersion.add(System.nanoTime() - answered);
            }
            Thread.sleep(5);
        }
        long[] a = boardPoll.stream().mapToLong(Long::longValue).toArray();
        long[] b = minVersion.stream().mapToLong(Long::longValue).toArray();
        add(Result.atMost("3a", "read-your-writes: move answered -> board shows it (poll), p99", name,
                Stats.percentileMs(a, 99), "ms", 50).with("latency", Stats.summary(a))
                .with("board_gets", polls).with("not_seen_within_5s", timeouts));
        add(Result.atMost("3b", "read-your-writes: move answered -> GET task ?min_version, p99", name,
                Stats.percentileMs(b, 99), "ms", 50).with("latency", Stats.summary(b)));
        return null;
    }

    // ---------------------------------------------------------------------------------------------- replay phase

    private void replayPhase() throws Exception {
        log("replay phase: fresh store, server started once for the schema");
        db.prepare("replay");
        try (BatonServer server = BatonServer.start(o.jar, o.serverJvmOptions, db.serverArgs("replay"), serverLog("replay"))) {
            server.awaitHealthy(600);
        }
        log("seeding " + String.format("%,d", o.replayEvents) + " events into domain_event_entry (server stopped)");
        EventSeeder.Seeded seeded;
        try (Connection c = db.connect("replay")) {
            seeded = new EventSeeder(db instanceof Database.Postgres, o.replayEvents, o.bigProjectEvents, o.eventsPerTask).seed(c);
        }
        log("seeded " + seeded);
        add(Result.info("5s", "seed events straight into the store (JDBC, not the server)", name,
                        seeded.events() / (seeded.millis() / 1000.0), "events/s")
                .with("events", seeded.events()).with("projects", seeded.projects()).with("tasks", seeded.tasks())
                .with("millis", seeded.millis()));
        try (BatonServer server = BatonServer.start(o.jar, o.serverJvmOptions, db.serverArgs("replay"), serverLog("replay"))) {
            server.awaitHealthy(600);
            add(Result.info("7b", "startup to healthy (" + String.format("%,d", seeded.events()) + " events in store)", name,
                    server.startupMillis, "ms"));
            Thread.sleep(o.idleSettleSeconds * 1000L);
            long idleRss = server.rssKb();
            // The first replay compiles the replay's code paths (the JIT took a sixth of the CPU during it), like the
            // main phase's warm-up; the target is checked on the second, which also runs beside a served generation.
            guarded("5a", "first replay after startup", () -> replay(server, seeded, true));
            guarded("5", "replay board + timeline", () -> replay(server, seeded, false));
            guarded("6", "as_of board", () -> asOf(server, seeded));
            Thread.sleep(o.idleSettleSeconds * 1000L);
            add(Result.info("7e", "RSS after replay and as_of (idle " + o.idleSettleSeconds + " s)", name,
                    server.rssKb() / 1024.0, "MiB").with("rss_idle_before_replay_mib", idleRss / 1024.0)
                    .with("peak_rss_mib", server.peakRssKb() / 1024.0));
            log("replay phase done, stopping the server");
        }
    }

    private String replay(BatonServer server, EventSeeder.Seeded seeded, boolean first) throws Exception {
        Api api = server.api;
        waitLive(api, 120);
        String id = first ? "5a" : "5";
        log(id + ": replaying board and timeline from " + String.format("%,d", seeded.events()) + " events");
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        String load = ProcStats.loadAverage();
        long t0 = System.nanoTime();
        check(api.post("/api/v1/admin/projections/board/replay", "{}"), 202);
        check(api.post("/api/v1/admin/projections/timeline/replay", "{}"), 202);
        Map<String, Double> doneSeconds = new LinkedHashMap<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.replayTimeoutSeconds);
        long nextSample = t0;
        JsonNode last = null;
        Map<String, Double> caughtUpSeconds = new LinkedHashMap<>();
        Double pokedAt = null;
        while (System.nanoTime() < deadline && doneSeconds.size() < 2) {
            last = projections(api);
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (JsonNode p : last) {
                String n = p.get("name").asText();
                if (!n.equals("board") && !n.equals("timeline")) {
                    continue;
                }
                if (p.get("position").asLong() >= seeded.lastPosition() && p.get("lag").asLong() == 0) {
                    caughtUpSeconds.putIfAbsent(n, ProcStats.round(seconds));
                }
                if (p.get("status").asText().equals("live") && p.get("lag").asLong() == 0) {
                    doneSeconds.putIfAbsent(n, ProcStats.round(seconds));
                }
            }
            // Axon keeps a segment "replaying" until it handles an event AFTER the reset point, so on a quiet
            // store the server never switches to the rebuilt generation by itself (see docs/performance.md).
            // Once both have processed the whole store and 3 s passed, append one event (a new project) to finish it.
            if (pokedAt == null && caughtUpSeconds.size() == 2 && doneSeconds.size() < 2
                    && seconds - caughtUpSeconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) > 3) {
                createProject(api, "Replay finisher");
                pokedAt = ProcStats.round(seconds);
            }
            if (System.nanoTime() >= nextSample) {
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("t", ProcStats.round(seconds));
                for (JsonNode p : last) {
                    sample.put(p.get("name").asText(), p.get("position").asLong());
                }
                samples.add(sample);
                nextSample += TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(250);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        boolean finished = doneSeconds.size() == 2;
        double seconds = finished ? doneSeconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(elapsed) : elapsed;
        long processed = seeded.events();
        if (!finished && last != null) {
            long min = Long.MAX_VALUE;
            for (JsonNode p : last) {
                String n = p.get("name").asText();
                if (n.equals("board") || n.equals("timeline")) {
                    min = Math.min(min, p.get("position").asLong() - seeded.firstPosition() + 1);
                }
            }
            processed = min;
        }
        double rate = processed / seconds;
        String scenario = "replay board + timeline from " + String.format("%,d", seeded.events()) + " events (both at once)";
        Result r = first ? Result.info(id, "first " + scenario + ", JIT still compiling", name, rate, "events/s")
                : Result.atLeast(id, scenario, name, rate, "events/s", 20_000);
        r.with("events", seeded.events()).with("seconds_until_both_live", ProcStats.round(seconds))
                .with("seconds_until_whole_store_processed", caughtUpSeconds)
                .with("finisher_event_appended_at_seconds", pokedAt)
                .with("finished", finished).with("seconds_per_projection", doneSeconds)
                .with("load_average_before", load).with("cpu", cpu).with("progress_samples", samples)
                .with("seeded", Map.of("projects", seeded.projects(), "tasks", seeded.tasks(),
                        "seed_millis", seeded.millis()));
        for (Map.Entry<String, Double> e : doneSeconds.entrySet()) {
            r.with(e.getKey() + "_events_per_second", ProcStats.round(seeded.events() / e.getValue()));
        }
        if (!finished) {
            r.with("note", "timed out after " + o.replayTimeoutSeconds + " s; the rate is the slower projection's"
                    + " progress so far");
        }
        add(r);
        replayFinished = finished;
        return null;
    }

    private String asOf(BatonServer server, EventSeeder.Seeded seeded) throws Exception {
        Api api = server.api;
        if (!replayFinished) {
            throw new IllegalStateException("skipped: the replay did not finish, the board read model is incomplete");
        }
        String path = "/api/v1/projects/" + seeded.bigProjectId() + "/board?as_of=" + seeded.bigProjectMiddlePosition();
        Api.Response first = api.get(path);
        int cards = cardCount(first.data());
        log("6: as_of board (" + cards + " cards, " + seeded.bigProjectEvents() + " events of history), "
                + o.asOfRequests + " times");
        for (int i = 0; i < o.asOfWarmup; i++) {
            api.get(path);
        }
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(server.pid());
        long[] latencies = sequentialGets(api, path, o.asOfRequests);
        Map<String, Object> cpu = ProcStats.Cpu.sample(server.pid()).since(cpu0);
        String live = "/api/v1/projects/" + seeded.bigProjectId() + "/board";
        for (int i = 0; i < o.asOfWarmup; i++) {
            api.get(live);
        }
        long[] liveLatencies = sequentialGets(api, live, Math.max(20, o.asOfRequests / 4));
        add(Result.atMost("6", "as_of board, project with " + String.format("%,d", seeded.bigProjectEvents())
                        + " events of history, p99", name, Stats.percentileMs(latencies, 99), "ms", 300)
                .with("as_of_position", seeded.bigProjectMiddlePosition()).with("cards", cards)
                .with("response_bytes", first.body().length).with("latency", Stats.summary(latencies)).with("cpu", cpu)
                .with("live_board_same_project_latency", Stats.summary(liveLatencies)));
        return null;
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private interface Step {
        String run() throws Exception;
    }

    private String guarded(String id, String scenario, Step step) {
        try {
            return step.run();
        } catch (Exception e) {
            log("scenario " + id + " failed: " + e);
            add(Result.failed(id, scenario, name, e.toString()));
            return null;
        }
    }

    private void add(Result r) {
        results.add(r);
        Log.result(name, r);
    }

    private void log(String message) {
        Log.line(name, message);
    }

    private Path serverLog(String phase) {
        return o.work.resolve("server-" + name + "-" + phase + ".log");
    }

    private String createProject(Api api, String projectName) throws Exception {
        return check(api.post("/api/v1/projects", "{\"name\":" + Json.quote(projectName) + ",\"local_path\":"
                + Json.quote(o.work.toString()) + "}"), 201).data().get("project_id").asText();
    }

    private static String taskBody(String title) {
        return "{\"title\":" + Json.quote(title) + ",\"description\":\"Created by the Baton benchmark\","
                + "\"acceptance_criteria\":[\"it works\",\"it is tested\"],\"labels\":[\"bench\"],\"priority\":2}";
    }

    private static Api.Response check(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + r.status() + ": " + r.text());
        }
        return r;
    }

    private static long[] sequentialGets(Api api, String path, int count) throws Exception {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            Api.Response r = api.get(path);
            latencies[i] = System.nanoTime() - t0;
            check(r, 200);
        }
        return latencies;
    }

    private static int cardCount(JsonNode board) {
        int n = 0;
        for (JsonNode column : board.get("columns")) {
            n += column.get("tasks").size();
        }
        return n;
    }

    private static boolean cardIn(JsonNode board, String column, String taskId) {
        for (JsonNode c : board.get("columns")) {
            if (c.get("id").asText().equals(column)) {
                for (JsonNode card : c.get("tasks")) {
                    if (card.get("task_id").asText().equals(taskId)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static JsonNode projections(Api api) throws Exception {
        return api.get("/api/v1/admin/projections").data();
    }

    private static Map<String, Object> lagSummary(JsonNode projections) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonNode p : projections) {
            m.put(p.get("name").asText(), p.get("lag").asLong());
        }
        return m;
    }

    /**
     * Waits until every projection is live with lag 0; answers how long that took (ms). Gives up after the timeout,
     * or as soon as a projection that lags has not moved for 30 s (a stuck projection: see the server log).
     */
    private static long waitLive(Api api, int timeoutSeconds) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Map<String, Long> lastPosition = new LinkedHashMap<>();
        Map<String, Long> movedAt = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            boolean live = true;
            long now = System.nanoTime();
            JsonNode all = projections(api);
            for (JsonNode p : all) {
                String n = p.get("name").asText();
                long position = p.get("position").asLong();
                boolean done = p.get("status").asText().equals("live") && p.get("lag").asLong() == 0;
                live &= done;
                if (!Long.valueOf(position).equals(lastPosition.put(n, position)) || done) {
                    movedAt.put(n, now);
                } else if (now - movedAt.get(n) > TimeUnit.SECONDS.toNanos(30)) {
                    throw new IllegalStateException("projection " + n + " is stuck at position " + position
                            + " (no progress for 30 s): " + all);
                }
            }
            if (live) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("projections not live with lag 0 within " + timeoutSeconds + " s: "
                + projections(api));
    }
}
