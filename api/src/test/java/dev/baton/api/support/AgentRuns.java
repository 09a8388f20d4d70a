package dev.baton.api.support;

import dev.baton.runner.process.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * An agent run's process id as the runner knows it (the run's process group), from its pid file: an agent in its
 * sandbox has process ids of its own namespace, so its {@code $$} means nothing outside.
 */
public final class AgentRuns {

    private AgentRuns() {
    }

    /** The pid of the run whose files are {@code files}, once the runner has started it. */
    public static long pid(RunFiles files) {
        Path file = files.pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && !Files.readString(file).isBlank());
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of an attempt's agent run on a server whose data folder is {@code dataDir} (see RunnerSettings). */
    public static RunFiles files(Path dataDir, String attemptId) {
        return new RunFiles(dataDir.resolve("attempts").resolve(attemptId).resolve("agent"));
    }
}
