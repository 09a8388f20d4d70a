package dev.baton.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Baton server as a child process: {@code java [opts] -jar baton.jar --server.port=N ...}. */
final class BatonServer implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long startedNanos;
    final int port;
    final Api api;
    final List<String> commandLine;
    long startupMillis = -1;

    private BatonServer(Process process, Path log, long startedNanos, int port, List<String> commandLine) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
        this.port = port;
        this.commandLine = commandLine;
        this.api = new Api("http://127.0.0.1:" + port);
    }

    static BatonServer start(Path jar, List<String> jvmOptions, List<String> args, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long t0 = System.nanoTime();
        Process process = builder.start();
        BatonServer server = new BatonServer(process, log, t0, port, command);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }));
        return server;
    }

    /** Waits for {@code /actuator/health} to answer UP; records the time from process start. */
    BatonServer awaitHealthy(int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; log " + log
                        + ":\n" + tail());
            }
            try {
                Api.Response r = api.get("/actuator/health");
                if (r.status() == 200 && r.json().path("status").asText().equals("UP")) {
                    startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not get healthy within " + timeoutSeconds + " s; log " + log
                + ":\n" + tail());
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory (VmRSS) in KiB. */
    long rssKb() {
        return ProcStats.statusKb(pid(), "VmRSS");
    }

    /** Peak resident memory (VmHWM) in KiB. */
    long peakRssKb() {
        return ProcStats.statusKb(pid(), "VmHWM");
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Graceful stop (SIGTERM; the server shuts down gracefully), forced after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
