package dev.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Baton benchmark: starts the server jar on each database, runs the scenarios of the performance issue,
 * stops it, then measures workspace creation (no server) and attempts run by the server (on H2), prints a table of
 * figures against targets and writes {@code results-<timestamp>.json}. Run it through {@code bench/run.sh}, which
 * builds what is needed and starts the PostgreSQL cluster.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(o.work);
        Files.createDirectories(o.results);
        Instant started = Instant.now();
        List<Result> results = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("started", started.toString());
        report.put("command", "bench/run.sh " + System.getProperty("bench.args", o.command));
        report.put("quick", o.quick);
        List<String> machine = ProcStats.machineFacts();
        report.put("machine", Map.of("cpu", machine.get(0), "cores", Integer.parseInt(machine.get(1)),
                "memory_gib", Integer.parseInt(machine.get(2)), "kernel", machine.get(3),
                "load_average_at_start", ProcStats.loadAverage()));
        report.put("jvm", Map.of("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "server_jvm_options", o.serverJvmOptions.isEmpty() ? "(none: JVM defaults)" : String.join(" ", o.serverJvmOptions),
                "server_jar", o.jar.toString()));
        Map<String, Object> databases = new LinkedHashMap<>();
        report.put("databases", databases);
        boolean crashed = false;
        for (String name : o.serverPhases() ? o.databases : List.<String>of()) {
            Database db = name.equals("h2") ? new Database.H2(o.work) : new Database.Postgres(o.pgPort);
            crashed |= !survived(name, results, () -> {
                databases.put(name, db.describe());
                new Suite(o, db, results).run();
            });
        }
        if (o.phases.contains("workspace")) {
            crashed |= !survived("workspace", results, () -> new WorkspacePhase(o, results).run());
        }
        if (o.phases.contains("attempts")) {
            Database h2 = new Database.H2(o.work);
            crashed |= !survived("attempts", results, () -> {
                databases.putIfAbsent(h2.name(), h2.describe());
                new AttemptPhase(o, h2, results).run();
            });
        }
        if (o.phases.contains("runs")) {
            Database h2 = new Database.H2(o.work);
            crashed |= !survived("runs", results, () -> {
                databases.putIfAbsent(h2.name(), h2.describe());
                new OrchestrationPhase(o, h2, results).run();
            });
        }
        report.put("finished", Instant.now().toString());
        report.put("load_average_at_end", ProcStats.loadAverage());
        List<Map<String, Object>> rows = new ArrayList<>();
        results.forEach(r -> rows.add(r.toMap()));
        report.put("results", rows);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path file = o.results.resolve("results-" + stamp + ".json");
        Files.writeString(file, Json.write(report));
        System.out.println();
        System.out.println(table(results));
        System.out.println("results: " + file);
        System.exit(crashed || results.stream().anyMatch(r -> r.details.containsKey("error")) ? 1 : 0);
    }

    private interface Part {
        void run() throws Exception;
    }

    /** Runs a part of the benchmark; if it crashes, says so and records a failed result, and the rest still runs. */
    private static boolean survived(String name, List<Result> results, Part part) {
        try {
            part.run();
            return true;
        } catch (Exception e) {
            System.err.println("bench: " + name + " failed: " + e);
            e.printStackTrace();
            results.add(Result.failed("-", "suite", name, e.toString()));
            return false;
        }
    }

    static String table(List<Result> results) {
        String[] head = {"#", "scenario", "database", "measured", "target", "result"};
        List<String[]> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(new String[]{r.id, r.scenario, r.database, r.measured(), r.target, r.verdict()});
        }
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, width);
        String[] rule = new String[head.length];
        for (int i = 0; i < head.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(sb, rule, width);
        for (String[] row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append("| ");
        for (int i = 0; i < cells.length; i++) {
            boolean right = i == 3;
            String cell = cells[i];
            String pad = " ".repeat(width[i] - cell.length());
            sb.append(right ? pad + cell : cell + pad).append(i == cells.length - 1 ? " |" : " | ");
        }
        sb.append('\n');
    }
}
