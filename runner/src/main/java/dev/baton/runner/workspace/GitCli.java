package dev.baton.runner.workspace;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git} program, for what JGit cannot do (linked worktrees) or does slower. Every call has a
 * timeout after which git and its children are killed; a failure says which command, where, and what git printed.
 */
public final class GitCli {

    /** Variables that would point git at another repository than the folder it runs in. */
    private static final List<String> REPOSITORY_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE");

    private final String executable;
    private final Duration timeout;

    public GitCli(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Runs {@code git args...} in {@code directory} and returns what it printed (stdout and stderr together). */
    public String run(Path directory, String... args) {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(List.of(args));
        String description = "git " + String.join(" ", args);
        Path output = null;
        try {
            // Output goes to a file, not a pipe: nobody has to drain it while we wait with a timeout.
            output = Files.createTempFile("baton-git-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> environment = builder.environment();
            REPOSITORY_VARIABLES.forEach(environment::remove);
            environment.put("GIT_TERMINAL_PROMPT", "0"); // fail instead of waiting for a password nobody types
            environment.put("LC_ALL", "C");
            Process process = builder.start();
            waitFor(process, description + " in " + directory);
            String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new WorkspaceException(WorkspaceException.Reason.GIT_FAILED, description + " in " + directory
                        + " failed with exit code " + process.exitValue() + (printed.isEmpty() ? "" : ": " + printed));
            }
            return printed;
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Reason.GIT_FAILED,
                    "cannot run " + description + " in " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(output);
        }
    }

    private void waitFor(Process process, String what) {
        WorkspaceException stopped;
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            stopped = new WorkspaceException(WorkspaceException.Reason.GIT_TIMED_OUT,
                    what + " did not finish within " + timeout.toMillis() + " ms and was stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = new WorkspaceException(WorkspaceException.Reason.GIT_FAILED, what + " was interrupted and stopped", e);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw stopped;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
