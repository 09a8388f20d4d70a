package dev.baton.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machine was doing during a measurement, from /proc: CPU used by the server, by this harness (and the
 * programs it ran, such as git), by PostgreSQL's processes and by everything else; memory of the server.
 */
final class ProcStats {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on Linux
    /** Indexes in /proc/<pid>/stat after the command name: utime (stime follows), cutime (cstime follows). */
    private static final int OWN_TICKS = 11;
    private static final int WAITED_FOR_CHILDREN_TICKS = 13;
    /** A process id that /proc has no entry for: its counters read 0. */
    static final long NO_SERVER = -1;

    private ProcStats() {
    }

    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** A snapshot of CPU counters; {@link #since} turns two into cores used on average. */
    record Cpu(long nanos, long machineBusy, long machineTotal, long server, long serverJit, long serverChildren,
               long postgres, long harnessNanos, long harnessChildren) {

        /** {@code serverPid} may be {@link #NO_SERVER}. */
        static Cpu sample(long serverPid) {
            long[] machine = machine();
            return new Cpu(System.nanoTime(), machine[0], machine[1], processTicks(serverPid), compilerTicks(serverPid),
                    statTicks(Path.of("/proc", String.valueOf(serverPid), "stat"), WAITED_FOR_CHILDREN_TICKS), postgresTicks(),
                    harnessCpuNanos(), statTicks(Path.of("/proc/self/stat"), WAITED_FOR_CHILDREN_TICKS));
        }

        /** Average cores used between {@code before} and now, by whom. */
        Map<String, Object> since(Cpu before) {
            double seconds = (nanos - before.nanos) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            double machineCores = machineTotal == before.machineTotal ? 0
                    : cores * (double) (machineBusy - before.machineBusy) / (machineTotal - before.machineTotal);
            double serverCores = (server - before.server) / TICKS_PER_SECOND / seconds;
            double postgresCores = (postgres - before.postgres) / TICKS_PER_SECOND / seconds;
            double harnessCores = (harnessNanos - before.harnessNanos) / 1e9 / seconds;
            // Counted when the harness has waited for them to end: git runs, not the server while it runs.
            double childrenCores = (harnessChildren - before.harnessChildren) / TICKS_PER_SECOND / seconds;
            // Likewise the programs the server ran and waited for (git, agents, gates), once they have ended.
            double serverChildrenCores = (serverChildren - before.serverChildren) / TICKS_PER_SECOND / seconds;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("seconds", round(seconds));
            out.put("machine_busy_cores", round(machineCores));
            out.put("server_cores", round(serverCores));
            out.put("server_jit_cores", round((serverJit - before.serverJit) / TICKS_PER_SECOND / seconds));
            out.put("server_children_cores", round(serverChildrenCores));
            out.put("postgres_cores", round(postgresCores));
            out.put("harness_cores", round(harnessCores));
            out.put("harness_children_cores", round(childrenCores));
            out.put("other_cores", round(Math.max(0, machineCores - serverCores - serverChildrenCores - postgresCores
                    - harnessCores - childrenCores)));
            return out;
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    /** utime + stime of a process (all its threads), in clock ticks. */
    static long processTicks(long pid) {
        return statTicks(Path.of("/proc", String.valueOf(pid), "stat"), OWN_TICKS);
    }

    /** The sum of two adjacent tick counters of a stat file (user + system), 0 if it cannot be read. */
    private static long statTicks(Path statFile, int index) {
        try {
            String stat = Files.readString(statFile);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            return Long.parseLong(f[index]) + Long.parseLong(f[index + 1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU ticks used so far by the JIT compiler threads of a JVM ("C1 CompilerThread0", "C2 CompilerThread1", ...). */
    static long compilerTicks(long pid) {
        long sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        sum += statTicks(thread.resolve("stat"), OWN_TICKS);
                    }
                } catch (IOException | RuntimeException e) {
                    // thread gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    static double ticksToSeconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }

    private static long postgresTicks() {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                try {
                    String comm = Files.readString(p.resolve("comm")).trim();
                    if (comm.equals("postgres") || comm.equals("postmaster")) {
                        sum += processTicks(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    private static long harnessCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    static List<String> machineFacts() {
        String model = "?";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            // keep ?
        }
        long memKb = -1;
        try {
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
        } catch (IOException e) {
            // keep -1
        }
        return List.of(model, String.valueOf(Runtime.getRuntime().availableProcessors()),
                String.valueOf(memKb / 1024 / 1024), System.getProperty("os.version"));
    }
}
