package dev.baton.runner.process;

import dev.baton.runner.workspace.TestRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a sandboxed agent run can and cannot do, for each mechanism (the subclasses). */
abstract class IsolatedRunsContract extends SandboxedRuns {

    @Test
    void theAgentCannotReadTheDatabaseOrTheMasterKey() throws Exception {
        String output = output("cat '" + database + "' '" + masterKey + "'; echo \"cat $?\";"
                + " echo \"db [$(ls -A '" + database.getParent() + "')] secrets [$(ls -A '" + masterKey.getParent()
                + "')]\"; touch '" + database.getParent() + "/planted'; echo \"touch $?\";"
                + " grep -rlF -e '" + databaseContent + "' -e '" + keyContent + "' '" + dataDir + "'; echo \"grep $?\"");

        assertThat(output).doesNotContain(databaseContent).doesNotContain(keyContent)
                .contains("cat 1", "db [] secrets []", "touch 1", "grep 1");
        assertThat(database.getParent().resolve("planted")).doesNotExist();
        assertThat(database).hasContent(databaseContent);
    }

    @Test
    void theAgentSeesItsOwnVariablesButNotTheServers() throws Exception {
        AgentProcess agent = run("env", Map.of("BATON_PROMPT", "the prompt", "PROVIDER_KEY", "the profile's key"));
        assertThat(agent.awaitExit(WAIT)).isTrue();

        List<String> lines = stdout(agent).lines().toList();
        assertThat(lines).contains("BATON_PROMPT=the prompt", "PROVIDER_KEY=the profile's key",
                "BATON_EXIT_FILE=" + agent.files().exitStatus());
        assertThat(lines).noneMatch(line -> line.startsWith(SERVER_VARIABLE + "="));
        assertThat(System.getenv(SERVER_VARIABLE)).as("the server has it").isNotNull();
    }

    @Test
    void theAgentSeesOnlyItsOwnProcesses() throws Exception {
        long server = ProcessHandle.current().pid();

        String output = output("echo \"namespace $(readlink /proc/self/ns/pid)\"; echo \"processes $(ls /proc | grep -c '^[0-9]')\";"
                + " cat /proc/" + server + "/environ /proc/" + server + "/cmdline > /dev/null; echo \"server $?\"");

        assertThat(output).doesNotContain("namespace " + serverPidNamespace()).contains("server 1");
        long processes = Long.parseLong(output.lines().filter(line -> line.startsWith("processes ")).findFirst()
                .orElseThrow().substring("processes ".length()));
        assertThat(processes).as("the sandbox's own few processes").isLessThan(10);
    }

    @Test
    void theAgentWorksInItsWorktreeAndItsAgentHome() throws Exception {
        Files.writeString(worktree.resolve("README.md"), "hello");

        String output = output("cat README.md; echo; echo changed > README.md && mkdir -p src && echo code > src/Main.txt"
                + " && echo session > \"$AGENT_HOME/session.json\" && echo \"written in $(pwd)\"");

        assertThat(output).contains("hello", "written in " + worktree);
        assertThat(worktree.resolve("README.md")).hasContent("changed");
        assertThat(worktree.resolve("src/Main.txt")).hasContent("code");
        assertThat(agentHome.resolve("session.json")).hasContent("session");
    }

    /**
     * What would make a later git command (the server's, the user's) run a program of the agent's: the shared
     * repository's config, hooks and attributes, the worktree's pointers to it, and the user's global config.
     */
    @Test
    void theAgentCannotWriteTheGitFilesThatRunProgramsButCommitsOnItsBranch() throws Exception {
        Path repository = repositoryOfTheWorktree();
        Path gitDir = repository.resolve(".git");
        String config = Files.readString(gitDir.resolve("config"));
        Path marker = dir.resolve("pwned-" + UUID.randomUUID());
        String program = "touch " + marker;

        String output = output(String.join("\n",
                attempt("config", "git config core.fsmonitor '" + program + "'"),
                attempt("append", "echo '[core] fsmonitor = " + program + "' >> " + gitDir.resolve("config")),
                attempt("hook", "echo '" + program + "' > " + gitDir.resolve("hooks/pre-commit")),
                attempt("attributes", "echo '* filter=x' > " + gitDir.resolve("info/attributes")),
                attempt("worktree-config", "echo '[core] pager = " + program + "' > "
                        + gitDir.resolve("worktrees/attempt-1/config.worktree")),
                attempt("commondir", "echo /tmp > " + gitDir.resolve("worktrees/attempt-1/commondir")),
                attempt("dot-git", "echo 'gitdir: /tmp' > .git"),
                attempt("global", "echo '[core] pager = " + program + "' > \"$HOME/.gitconfig\""),
                attempt("xdg", "echo '[core] pager = " + program + "' > \"$HOME/.config/git/config\""),
                "echo changed > README.md && git add README.md && git status --short"
                        + " && git -c user.name=Agent -c user.email=agent@baton.dev commit --quiet -m 'agent work'"
                        + " && echo committed"));

        assertThat(output).contains("config refused", "append refused", "hook refused", "attributes refused",
                "worktree-config refused", "commondir refused", "dot-git refused", "global refused", "xdg refused",
                "M  README.md", "committed").doesNotContain("written");
        assertThat(gitDir.resolve("config")).hasContent(config);
        assertThat(gitDir.resolve("hooks/pre-commit")).doesNotExist();
        assertThat(home.resolve(".gitconfig")).isEmptyFile();
        assertThat(TestRepos.git(repository, "log", "-1", "--format=%s", "baton/attempt-1")).isEqualTo("agent work");
        assertThat(TestRepos.git(worktree, "status", "--porcelain")).isEmpty();
        assertThat(marker).doesNotExist();
    }

    /** The run's pid (bwrap's or unshare's outer process) must last as long as the agent, or it would seem to end. */
    @Test
    void aStopSignalLeavesTheRunAliveUntilTheAgentHasSavedItsSessionAndItsStatusIsKept() throws Exception {
        AgentProcess agent = run("trap 'echo interrupted; sleep 1; echo saved session; exit 130' INT; echo ready;"
                + " while true; do sleep 0.05; done", Map.of());
        await().atMost(WAIT).until(() -> stdout(agent).contains("ready"));

        signal(agent, "INT");
        await().atMost(WAIT).until(() -> stdout(agent).contains("interrupted"));

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(agent::isAlive);
        assertThat(agent.awaitExit(WAIT)).isTrue();
        assertThat(stdout(agent)).contains("saved session");
        assertThat(agent.exitStatus()).contains(130);
    }

    @Test
    void stopKillsAnAgentThatIgnoresSignalsWithEverythingItStarted() throws Exception {
        AgentProcess agent = run("trap '' INT TERM; sleep 1000 & echo started; while true; do sleep 0.05; done",
                Map.of());
        await().atMost(WAIT).until(() -> stdout(agent).contains("started"));
        List<ProcessHandle> processes = ProcessHandle.of(agent.pid()).orElseThrow().descendants().toList();
        assertThat(processes).anyMatch(process -> process.info().commandLine().orElse("").contains("sleep 1000"));
        assertThat(processes).as("one process group, inside the sandbox too")
                .allMatch(process -> group(process.pid()) == agent.pid() || !process.isAlive());

        agent.stop(Duration.ofMillis(300));

        assertThat(agent.isAlive()).isFalse();
        await().atMost(WAIT).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(agent.exitStatus()).as("killed with its wrapper: no status").isEmpty();
    }

    @Test
    void pauseSuspendsTheWholeRunAndResumeContinuesIt() throws Exception {
        AgentProcess agent = run("echo ready; while true; do sleep 0.05; done", Map.of());
        await().atMost(WAIT).until(() -> stdout(agent).contains("ready"));
        List<ProcessHandle> processes = ProcessHandle.of(agent.pid()).orElseThrow().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("while true")).toList();
        assertThat(processes).isNotEmpty();

        agent.pause();
        await().atMost(WAIT).until(() -> processes.stream().allMatch(process -> Processes.isSuspended(process.pid())));

        agent.resume();
        await().atMost(WAIT).until(() -> processes.stream().noneMatch(process -> Processes.isSuspended(process.pid())));
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void aRunOutlivesItsSupervisorAndIsReattachedFromItsFiles() throws Exception {
        AgentProcess agent = run("echo before; read -t 30 line < <(sleep 0.5; echo go); echo after; exit 7", Map.of());

        AgentProcess reattached = new ProcessSupervisor(sandbox).reattach(agent.files()).orElseThrow();

        assertThat(reattached.pid()).isEqualTo(agent.pid());
        assertThat(reattached.awaitExit(WAIT)).isTrue();
        assertThat(reattached.exitStatus()).contains(7);
        assertThat(stdout(reattached)).isEqualTo("before\nafter\n");
    }

    /** Signals the run's group as AgentProcess does, but one signal alone. */
    private static void signal(AgentProcess agent, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("bash", "-c", "kill -s " + signal + " -- -" + agent.pid()).start().waitFor(5, TimeUnit.SECONDS);
    }

    /** The process group (field 5 of /proc/<pid>/stat, after the parenthesized name), -1 once it is gone. */
    private static long group(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException e) {
            return -1;
        }
    }
}
