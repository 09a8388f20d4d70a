package dev.baton.runner.workspace;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git} program, for what JGit cannot do (linked worktrees) or does slower. Every call has a
 * timeout after which git and its children are killed; a failure says which command, where, and what git printed.
 * Every call runs with {@link #NO_PROGRAMS}.
 */
public final class GitCli {

    /** Variables that would point git at another repository than the folder it runs in. */
    private static final List<String> REPOSITORY_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE");
    /**
     * Settings that keep the server's git from running a program that a repository's config names: an agent may
     * have written that config (without the sandbox, or before it made it read-only; docs/security.md, "Agent
     * processes"). No fsmonitor (a hook or daemon that status, add and reset start), no hooks at all (the
     * reference-transaction hook of every ref update, pre-push, post-merge...), no ext:: transport. Given on the
     * command line, they win over every config file. Filters, credential helpers and core.sshCommand stay: pushes
     * and LFS need the user's own, and git has no value that turns them off without dropping those.
     */
    private static final List<String> NO_PROGRAMS = List.of("-c", "core.fsmonitor=false", "-c",
            "core.hooksPath=/dev/null", "-c", "protocol.ext.allow=never");

    private final String executable;
    private final Duration timeout;
    private final Map<String, String> environment;

    public GitCli(String executable, Duration timeout) {
        this(executable, timeout, Map.of());
    }

    private GitCli(String executable, Duration timeout, Map<String, String> environment) {
        this.executable = executable;
        this.timeout = timeout;
        this.environment = environment;
    }

    /** The same git with these environment variables set as well (over any this one sets), such as an author. */
    public GitCli withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(variables);
        return new GitCli(executable, timeout, Map.copyOf(all));
    }

    /** Runs {@code git args...} in {@code directory} and returns what it printed (stdout and stderr together). */
    public String run(Path directory, String... args) {
        return execute(directory, args, true, output -> new String(output.readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    /**
     * Runs {@code git args...} in {@code directory} and hands its standard output, byte for byte, to {@code reader}:
     * for output that must be exact or may be too big for a string. Standard error only goes into a failure's message.
     */
    public <T> T read(Path directory, OutputReader<T> reader, String... args) {
        return execute(directory, args, false, reader);
    }

    /** Reads what git printed; the stream is closed afterwards. */
    @FunctionalInterface
    public interface OutputReader<T> {
        T read(InputStream output) throws IOException;
    }

    private <T> T execute(Path directory, String[] args, boolean errorsInOutput, OutputReader<T> reader) {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(NO_PROGRAMS);
        command.addAll(List.of(args));
        String description = "git " + String.join(" ", args);
        Path output = null;
        Path errors = null;
        try {
            // Output goes to a file, not a pipe: nobody has to drain it while we wait with a timeout.
            output = Files.createTempFile("baton-git-", ".out");
            errors = errorsInOutput ? output : Files.createTempFile("baton-git-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (errorsInOutput) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(errors.toFile());
            }
            Map<String, String> variables = builder.environment();
            REPOSITORY_VARIABLES.forEach(variables::remove);
            variables.put("GIT_TERMINAL_PROMPT", "0"); // fail instead of waiting for a password nobody types
            variables.put("LC_ALL", "C");
            variables.putAll(environment);
            Process process = builder.start();
            waitFor(process, description + " in " + directory);
            if (process.exitValue() != 0) {
                String printed = Files.readString(errors, StandardCharsets.UTF_8).strip();
                throw new WorkspaceException(WorkspaceException.Reason.GIT_FAILED, description + " in " + directory
                        + " failed with exit code " + process.exitValue() + (printed.isEmpty() ? "" : ": " + printed));
            }
            try (InputStream printed = Files.newInputStream(output)) {
                return reader.read(printed);
            }
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Reason.GIT_FAILED,
                    "cannot run " + description + " in " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(output);
            deleteQuietly(errors);
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
