package dev.baton.runner.attempt;

import dev.baton.runner.process.RunFiles;
import dev.baton.runner.process.SandboxSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * How this runner node runs attempts: its identity (kept in {@code <data-dir>/runner-node-id} so that a restarted
 * server finds the attempts it was running), its number of slots (attempts running at once on this node, whatever
 * the project), how long an agent gets to stop after each signal, and where each attempt's files live
 * ({@code <data-dir>/attempts/<attemptId>}: the agent's output, gate output, the diff), and what agent runs are kept
 * from ({@code baton.runner.sandbox*}).
 */
@Component
public class RunnerSettings {

    private final Path dataDir;
    private final int slots;
    private final Duration stopGrace;
    private final String nodeId;
    private final boolean removeWorkspaceAfterMerge;
    private final SandboxSettings sandbox;

    public RunnerSettings(@Value("${baton.data-dir}") Path dataDir, @Value("${baton.runner.slots:8}") int slots,
                          @Value("${baton.runner.stop-grace:PT5S}") Duration stopGrace,
                          @Value("${baton.runner.node-id:}") String nodeId,
                          @Value("${baton.workspaces.remove-after-merge:true}") boolean removeWorkspaceAfterMerge,
                          @Value("${baton.runner.sandbox:auto}") String sandboxMode,
                          @Value("${baton.runner.sandbox.hidden-paths:}") String hiddenPaths,
                          @Value("${baton.runner.sandbox.hidden-variables:}") String hiddenVariables) {
        if (slots < 1) {
            throw new IllegalArgumentException("baton.runner.slots must be at least 1, not " + slots);
        }
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.slots = slots;
        this.stopGrace = stopGrace;
        this.removeWorkspaceAfterMerge = removeWorkspaceAfterMerge;
        this.nodeId = nodeId.isBlank() ? storedNodeId(this.dataDir) : nodeId.strip();
        this.sandbox = SandboxSettings.of(this.dataDir, sandboxMode, hiddenPaths, hiddenVariables);
    }

    public String nodeId() {
        return nodeId;
    }

    public int slots() {
        return slots;
    }

    public Duration stopGrace() {
        return stopGrace;
    }

    /** Whether a merged attempt's workspace is removed at once (its branch stays). */
    public boolean removeWorkspaceAfterMerge() {
        return removeWorkspaceAfterMerge;
    }

    /** What agent runs are kept from: the data folder's database and master key folders, and more if configured. */
    public SandboxSettings sandbox() {
        return sandbox;
    }

    public Path attemptFolder(String attemptId) {
        return dataDir.resolve("attempts").resolve(attemptId);
    }

    /** The files of the attempt's agent run (every turn of it). */
    public RunFiles agentFiles(String attemptId) {
        return new RunFiles(attemptFolder(attemptId).resolve("agent"));
    }

    /**
     * The agent CLI's private config home for a task's attempts: shared by them because the CLI keeps its sessions
     * there, and a follow-up attempt resumes the session of the one before.
     */
    public Path agentHome(String taskId) {
        return dataDir.resolve("agent-homes").resolve(taskId);
    }

    private static String storedNodeId(Path dataDir) {
        Path file = dataDir.resolve("runner-node-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(dataDir);
            String id = InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the runner's node id in " + file, e);
        }
    }
}
