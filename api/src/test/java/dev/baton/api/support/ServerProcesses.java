package dev.baton.api.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Real server processes for the recovery tests: each its own JVM (the test's class path) on one data folder (its own
 * H2 database) and a free port, killed with SIGKILL when a test says so. Their output goes to server-N.log.
 */
public final class ServerProcesses implements AutoCloseable {

    private final Path dataDir;
    private final List<Process> servers = new ArrayList<>();

    public ServerProcesses(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a server and answers its API once it is healthy; {@code settings} are more {@code --name=value}. */
    public Api start(String... settings) throws IOException {
        int port = freePort();
        Process server = launch(port, settings);
        Path log = log(servers.size() - 1);
        Api api = new Api("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!server.isAlive()) {
                throw new AssertionError("the server stopped: " + Files.readString(log));
            }
            try {
                return api.get("/actuator/health").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return api;
    }

    /** Starts a server that must refuse to start; answers its exit code and its log. */
    public Refusal refusedStart(String... settings) throws IOException, InterruptedException {
        Process server = launch(freePort(), settings);
        if (!server.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not stop: " + Files.readString(log(servers.size() - 1)));
        }
        return new Refusal(server.exitValue(), Files.readString(log(servers.size() - 1)));
    }

    public record Refusal(int exitCode, String log) {
    }

    /** The output of the {@code index}-th server started (from 0). */
    public String output(int index) throws IOException {
        return Files.readString(log(index));
    }

    private Process launch(int port, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.baton.BatonApplication",
                "--server.port=" + port, "--baton.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--logging.level.dev.baton=INFO"));
        command.addAll(List.of(settings));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(servers.size()).toFile())
                .start();
        servers.add(server);
        return server;
    }

    private Path log(int index) {
        return dataDir.resolve("server-" + index + ".log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL to the last server started, and waits until it is gone. */
    public void killLast() throws InterruptedException {
        servers.get(servers.size() - 1).destroyForcibly().waitFor();
    }

    /** The end of every server's log, for a failure message. */
    public String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            String log = Files.readString(log(i));
            logs.append("\n--- server ").append(i).append(" ---\n")
                    .append(log.length() > 20_000 ? log.substring(log.length() - 20_000) : log);
        }
        return logs.toString();
    }

    @Override
    public void close() {
        servers.forEach(Process::destroyForcibly);
    }
}
