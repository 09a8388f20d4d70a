package dev.baton.runner.process;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** baton.runner.sandbox=off: what the sandbox takes away, shown by its absence; the server's variables stay hidden. */
class NoSandboxTest extends SandboxedRuns {

    @Override
    SandboxMode mode() {
        return SandboxMode.OFF;
    }

    @Test
    void anUnsandboxedAgentCanReadTheDatabaseAndTheMasterKeyAndSeeTheServer() throws Exception {
        long server = ProcessHandle.current().pid();

        String output = output("cat '" + database + "'; echo; cat '" + masterKey + "'; echo;"
                + " echo \"namespace $(readlink /proc/self/ns/pid)\"; tr '\\0' '\\n' < /proc/" + server + "/cmdline");

        assertThat(sandbox.mechanism()).isEqualTo(AgentSandbox.Mechanism.NONE);
        assertThat(output).contains(databaseContent, keyContent, "namespace " + serverPidNamespace())
                .contains(ProcessHandle.current().info().command().orElseThrow());
    }

    /** What the sandbox makes read-only (HostileRepositoryConfigTest: the server's git runs none of it). */
    @Test
    void anUnsandboxedAgentCanWriteTheSharedRepositorysGitConfigAndHooksAndTheUsersGlobalConfig() throws Exception {
        Path gitDir = repositoryOfTheWorktree().resolve(".git");

        String output = output(String.join("\n", attempt("config", "git config core.fsmonitor false"),
                attempt("hook", "echo true > " + gitDir.resolve("hooks/pre-commit")),
                attempt("global", "echo > \"$HOME/.gitconfig\"")));

        assertThat(output).contains("config written", "hook written", "global written");
        assertThat(gitDir.resolve("config")).content().contains("fsmonitor = false");
    }

    @Test
    void theServersVariablesAreHiddenEvenWithoutASandbox() throws Exception {
        AgentProcess agent = run("env", Map.of("BATON_PROMPT", "the prompt"));
        assertThat(agent.awaitExit(WAIT)).isTrue();

        assertThat(stdout(agent).lines()).contains("BATON_PROMPT=the prompt")
                .noneMatch(line -> line.startsWith(SERVER_VARIABLE + "="));
    }
}
