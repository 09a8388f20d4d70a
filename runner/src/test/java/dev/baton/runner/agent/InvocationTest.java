package dev.baton.runner.agent;

import dev.baton.runner.agent.codex.CodexCli;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationTest {

    private final Invocation invocation = new CodexCli().invocation(Runs.firstRun(Runs.profile("codex", null, List.of(),
            Map.of("OPENAI_BASE_URL", "http://user:pw@proxy.local/v1")), "Go"));

    @Test
    void toStringNamesTheVariablesButNeverTheirValues() {
        assertThat(invocation.toString()).contains("OPENAI_BASE_URL", "CODEX_HOME", "stdin=/dev/null")
                .doesNotContain("user:pw", "/data/agent-homes");
    }

    @Test
    void theProcessBuilderHasTheArgvTheWorktreeTheEnvironmentAndDevNullAsStdin() {
        ProcessBuilder builder = invocation.processBuilder();

        assertThat(builder.command()).isEqualTo(invocation.argv());
        assertThat(builder.directory()).isEqualTo(Runs.WORKTREE.toFile());
        assertThat(builder.environment()).containsAllEntriesOf(invocation.environment());
        assertThat(builder.redirectInput().file()).hasToString("/dev/null");
        assertThat(invocation.withStdin("prompt").processBuilder().redirectInput()).isEqualTo(ProcessBuilder.Redirect.PIPE);
    }

    @Test
    void fallbackVariablesNeverOverrideTheProfileNorTheConfigFolder() {
        Invocation withKeys = invocation.withFallbackEnvironment(Map.of("OPENAI_API_KEY", "sk-user-key",
                "OPENAI_BASE_URL", "https://elsewhere", "CODEX_HOME", "/home/ada/.codex"));

        assertThat(withKeys.environment()).containsEntry("OPENAI_API_KEY", "sk-user-key")
                .containsEntry("OPENAI_BASE_URL", "http://user:pw@proxy.local/v1")
                .containsEntry("CODEX_HOME", invocation.environment().get("CODEX_HOME"));
        assertThat(withKeys.argv()).isEqualTo(invocation.argv());
    }
}
