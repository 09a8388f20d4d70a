package dev.baton.runner.process;

import dev.baton.runner.agent.Invocation;
import dev.baton.runner.workspace.TestRepos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Real agent runs (bash scripts) under a supervisor whose data folder holds a database file and a master key with
 * known content, next to the folders the agent must keep: its worktree and its agent home, laid out as
 * RunnerSettings and WorkspaceManager lay them out. The server's variable is one the test JVM really has, hidden
 * through {@code baton.runner.sandbox.hidden-variables}. The server's user, whose global git config runs must not
 * write, has a home of its own, which runs get as HOME.
 */
abstract class SandboxedRuns {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** A variable of the test JVM's that no shell sets by itself (a hidden PATH would not even find bash). */
    static final String SERVER_VARIABLE = System.getenv().keySet().stream()
            .filter(name -> !Set.of("PATH", "HOME", "PWD", "OLDPWD", "SHLVL", "_").contains(name)).sorted().findFirst()
            .orElseThrow();

    @TempDir
    Path dir;

    Path dataDir;
    Path database;
    Path masterKey;
    Path worktree;
    Path agentHome;
    Path home;
    String databaseContent;
    String keyContent;
    AgentSandbox sandbox;
    ProcessSupervisor supervisor;
    private final List<AgentProcess> started = new ArrayList<>();

    abstract SandboxMode mode();

    @BeforeEach
    void aDataFolder() throws IOException {
        dataDir = dir.resolve("data");
        databaseContent = "database-" + UUID.randomUUID();
        keyContent = "master-key-" + UUID.randomUUID();
        database = Files.writeString(Files.createDirectories(dataDir.resolve("db")).resolve("baton.mv.db"),
                databaseContent);
        masterKey = Files.writeString(Files.createDirectories(dataDir.resolve("secrets")).resolve("master.key"),
                keyContent);
        worktree = Files.createDirectories(dataDir.resolve("workspaces").resolve("attempt-1"));
        agentHome = Files.createDirectories(dataDir.resolve("agent-homes").resolve("task-1"));
        home = Files.createDirectories(dir.resolve("home"));
        sandbox = AgentSandbox.detect(SandboxSettings.of(dataDir, mode().name(), "", SERVER_VARIABLE,
                Map.of("HOME", home.toString())));
        supervisor = new ProcessSupervisor(sandbox);
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (AgentProcess process : started) {
            process.stop(Duration.ofMillis(100));
        }
    }

    /**
     * Makes the worktree a linked worktree, on branch baton/attempt-1, of a new repository (the user's checkout) with
     * a README.md, as WorkspaceManager does; answers the repository.
     */
    Path repositoryOfTheWorktree() {
        Path repository = TestRepos.checkout(dir.resolve("repository"), Map.of("README.md", "hello\n"));
        TestRepos.git(repository, "worktree", "add", "--quiet", "-b", "baton/attempt-1", worktree.toString());
        return repository;
    }

    /** Starts {@code script} in the worktree as the runner starts an agent, its home in AGENT_HOME. */
    AgentProcess run(String script, Map<String, String> environment) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("AGENT_HOME", agentHome.toString());
        variables.put("HOME", home.toString());
        Invocation invocation = new Invocation(List.of("bash", "-c", script), variables, "AGENT_HOME", worktree, null);
        AgentProcess process = supervisor.start(invocation,
                new RunFiles(dataDir.resolve("attempts").resolve("attempt-1").resolve("agent")));
        started.add(process);
        return process;
    }

    /** The output of {@code script} run to its end. */
    String output(String script) throws Exception {
        AgentProcess agent = run(script, Map.of());
        if (!agent.awaitExit(WAIT)) {
            throw new AssertionError("the agent did not end: " + stdout(agent));
        }
        return stdout(agent);
    }

    static String stdout(AgentProcess agent) throws IOException {
        return read(agent.files().stdout());
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** A line of shell that runs {@code command} and says whether it wrote ("name written") or not ("name refused"). */
    static String attempt(String name, String command) {
        return "(" + command + ") 2>/dev/null && echo '" + name + " written' || echo '" + name + " refused'";
    }

    /** The pid namespace of this JVM, the "server". */
    static String serverPidNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    }
}
