package dev.baton.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options of the harness and the sizes of every scenario (full run or {@code --quick}). */
final class Options {

    List<String> databases = List.of("h2", "postgres");
    /**
     * "main" and "replay" run on each database; "workspace" runs once after them, without database or server;
     * "attempts" and then "runs" run last, each on its own server on a fresh H2 store, whatever {@code --db} says. By
     * default: all five for {@code --db all}, main and replay for one database, workspace for {@code --db none},
     * attempts for {@code --db attempts}, runs for {@code --db runs}.
     */
    List<String> phases;
    boolean quick;
    Path jar;
    Path work;
    Path results;
    int pgPort = 0;
    List<String> serverJvmOptions = List.of();
    String command = "";

    // --- sizes (full run; --quick shrinks them) ---
    int clients = 8;
    /** Warm-up before the main phase's figures: rounds of mixed load until the JIT is (almost) done, at most this long. */
    int jitWarmupMaxSeconds = 300;
    int jitWarmupRoundSeconds = 15;
    /** The JIT counts as done when its compiler threads used less than this many cores in the last round. */
    double jitQuietCores = 0.05;
    int createWarmupSeconds = 10;
    int createMeasureSeconds = 20;
    int createMeasureMax = 20_000;
    int sharedProjectTasks = 10_000;
    int boardWarmup = 20;
    int boardRequests = 200;
    int moves = 10_000;
    int moveBlock = 1_000;
    int rywIterations = 300;
    int rywTasks = 20;
    long replayEvents = 1_000_000;
    int bigProjectEvents = 100_000;
    int eventsPerTask = 100;
    int asOfWarmup = 10;
    int asOfRequests = 200;
    int replayTimeoutSeconds = 20 * 60;
    int idleSettleSeconds = 5;
    int workspaceFiles = 20_000;
    /** Rounds of the workspace phase; each times one {@code git worktree add} and one WorkspaceManager creation. */
    int workspaceRounds = 10;
    /** Files of the attempts phase's repository (the same generator as the workspace phase). */
    int attemptFiles = 5_000;
    /** The server's {@code baton.runner.slots} in the attempts phase (and the parallel project's max_parallel_attempts). */
    int runnerSlots = 32;
    /** A1: sequential attempts measured, after this many not counted (warm-up). */
    int attemptStarts = 100;
    int attemptStartWarmups = 5;
    /** A2: lines the agent prints, one every {@code logIntervalMs}. */
    int logLines = 200;
    int logIntervalMs = 50;
    /** R1: the run phase's graph, layers x width tasks, run with max_agents = width. */
    int graphLayers = 20;
    int graphWidth = 50;
    long graphTimeoutSeconds = 1_800;
    /** A3: attempts started at once on one project. */
    int parallelAttempts = 32;
    int parallelTimeoutSeconds = 600;

    static Options parse(String[] args) {
        Options o = new Options();
        o.command = String.join(" ", args);
        String db = "all";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--db" -> {
                    db = args[++i];
                    o.databases = switch (db) {
                        case "all" -> List.of("h2", "postgres");
                        case "h2" -> List.of("h2");
                        case "postgres", "pg" -> List.of("postgres");
                        case "none", "attempts", "runs" -> List.of();
                        default -> throw new IllegalArgumentException("--db h2|postgres|all|none|attempts, not " + db);
                    };
                }
                case "--phases" -> o.phases = Arrays.asList(args[++i].split(","));
                case "--jar" -> o.jar = Path.of(args[++i]).toAbsolutePath();
                case "--work" -> o.work = Path.of(args[++i]).toAbsolutePath();
                case "--results" -> o.results = Path.of(args[++i]).toAbsolutePath();
                case "--pg-port" -> o.pgPort = Integer.parseInt(args[++i]);
                case "--server-jvm-opts" -> o.serverJvmOptions = split(args[++i]);
                case "--replay-events" -> o.replayEvents = Long.parseLong(args[++i]);
                case "--no-jit-warmup" -> o.jitWarmupMaxSeconds = 0;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.jar == null || o.work == null || o.results == null) {
            throw new IllegalArgumentException("--jar, --work and --results are required (bench/run.sh gives them)");
        }
        if (o.phases == null) {
            o.phases = switch (db) {
                case "all" -> List.of("main", "replay", "workspace", "attempts", "runs");
                case "none" -> List.of("workspace");
                case "attempts" -> List.of("attempts");
                case "runs" -> List.of("runs");
                default -> List.of("main", "replay");
            };
        }
        if (o.databases.isEmpty() && o.serverPhases()) {
            throw new IllegalArgumentException("the main and replay phases need a database: --db h2|postgres|all");
        }
        if (o.databases.contains("postgres") && o.serverPhases() && o.pgPort == 0) {
            throw new IllegalArgumentException("--pg-port is required for postgres (bench/run.sh starts the cluster)");
        }
        if (o.quick) {
            o.jitWarmupMaxSeconds = 10;
            o.jitWarmupRoundSeconds = 5;
            o.createWarmupSeconds = 3;
            o.createMeasureSeconds = 5;
            o.createMeasureMax = 4_000;
            o.sharedProjectTasks = 1_000;
            o.boardWarmup = 5;
            o.boardRequests = 40;
            o.moves = 1_000;
            o.moveBlock = 200;
            o.rywIterations = 60;
            if (!o.command.contains("--replay-events")) {
                o.replayEvents = 50_000;
            }
            o.bigProjectEvents = 10_000;
            o.asOfWarmup = 5;
            o.asOfRequests = 40;
            o.replayTimeoutSeconds = 5 * 60;
            o.idleSettleSeconds = 3;
            o.workspaceRounds = 3;
            o.attemptStarts = 10;
            o.attemptStartWarmups = 2;
            o.logLines = 60;
            o.graphLayers = 4;
            o.graphWidth = 10;
        }
        o.bigProjectEvents = (int) Math.min(o.bigProjectEvents, o.replayEvents / 2);
        return o;
    }

    /** Whether a phase that starts the server on a database is selected. */
    boolean serverPhases() {
        return phases.contains("main") || phases.contains("replay");
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
