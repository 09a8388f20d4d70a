package dev.baton.runner.process;

import dev.baton.runner.agent.Invocation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts agent runs detached from the server. Each run is a new session and process group ({@code setsid}), so
 * that signals reach the agent and everything it started, and a server that stops does not take the agent with it.
 * Its stdin is /dev/null or a file holding the text to give it, its stdout and stderr are appended to files, and a
 * small bash wrapper records the agent's exit status in a file: a server started later re-attaches to a run still
 * going, or finishes one that ended meanwhile from its files. Runs are started in the {@link AgentSandbox}, the
 * wrapper inside it too (so the status it records is the agent's), with none of the server's own variables.
 */
public final class ProcessSupervisor {

    /**
     * Runs the agent ("$@") in the foreground and writes its exit status atomically. The wrapper shares the group's
     * signals: ':' traps keep it alive through SIGINT and SIGTERM until the agent has exited (a trap with a handler,
     * unlike an ignored signal, is reset to the default in the agent), so the status is still recorded.
     */
    private static final String WRAPPER = "trap ':' INT TERM; \"$@\"; status=$?;"
            + " printf '%s' \"$status\" > \"$BATON_EXIT_FILE.tmp\" && mv \"$BATON_EXIT_FILE.tmp\" \"$BATON_EXIT_FILE\"";
    private static final File DEV_NULL = new File("/dev/null");

    private final AgentSandbox sandbox;

    public ProcessSupervisor(AgentSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A supervisor without namespaces ({@link AgentSandbox#none()}). */
    public ProcessSupervisor() {
        this(AgentSandbox.none());
    }

    public AgentProcess start(Invocation invocation, RunFiles files) throws IOException {
        Files.createDirectories(files.folder());
        Files.deleteIfExists(files.exitStatus());
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WRAPPER, "baton-agent"));
        wrapped.addAll(invocation.argv());
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(sandbox.wrap(wrapped, invocation.workingDirectory()));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(invocation.workingDirectory().toFile());
        sandbox.scrub(builder.environment());
        builder.environment().putAll(invocation.environment());
        builder.environment().put("BATON_EXIT_FILE", files.exitStatus().toString());
        if (invocation.stdin() == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        } else {
            Files.writeString(files.stdin(), invocation.stdin());
            builder.redirectInput(ProcessBuilder.Redirect.from(files.stdin().toFile()));
        }
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.stdout().toFile()));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(files.stderr().toFile()));
        Process process = builder.start();
        Files.writeString(files.pid(), Long.toString(process.pid()));
        return new AgentProcess(process.pid(), files);
    }

    /** A run started earlier (by this server or one before it), found by its files; empty if it never started. */
    public Optional<AgentProcess> reattach(RunFiles files) throws IOException {
        if (!Files.exists(files.pid())) {
            return Optional.empty();
        }
        return Optional.of(new AgentProcess(Long.parseLong(Files.readString(files.pid()).strip()), files));
    }
}
