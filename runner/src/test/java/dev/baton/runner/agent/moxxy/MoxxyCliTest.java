package dev.baton.runner.agent.moxxy;

import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.RunRequest;
import dev.baton.runner.agent.Runs;
import dev.baton.runner.moxxy.MoxxyCredentials;
import dev.baton.runner.moxxy.MoxxyDelegate;
import dev.baton.runner.moxxy.MoxxyInstance;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MoxxyCliTest {

    private final MoxxyCli cli = new MoxxyCli();

    @Test
    void theDelegateRunsInTheWorktreeForTheAgentTheModelNamesWithThePromptOnStdin() {
        RunRequest run = Runs.firstRun(Runs.profile("moxxy", "builder", List.of("ignored", "--command"),
                Map.of("MY_SETTING", "x", MoxxyDelegate.AGENT, "not-this-one")), "Fix the bug");

        Invocation invocation = cli.invocation(run);

        assertThat(invocation.argv()).endsWith(MoxxyDelegate.class.getName()).doesNotContain("ignored");
        assertThat(invocation.argv().get(0)).endsWith("/bin/java");
        assertThat(invocation.environment()).containsEntry(MoxxyDelegate.AGENT, "builder")
                .containsEntry("MY_SETTING", "x").containsEntry("NO_COLOR", "1").containsKey("CLASSPATH")
                .doesNotContainKeys(MoxxyDelegate.URL, MoxxyDelegate.TOKEN, MoxxyDelegate.PROMPT);
        assertThat(invocation.workingDirectory()).isEqualTo(Runs.WORKTREE);
        assertThat(invocation.stdin()).isEqualTo("Fix the bug");
        assertThat(invocation.configHomeVariable()).isNull();
        assertThat(cli.hasSessions()).isFalse();
    }

    @Test
    void withoutAModelTheDefaultAgentTakesTheTask() {
        Invocation invocation = cli.invocation(Runs.firstRun(Runs.profile("moxxy"), "Fix the bug"));

        assertThat(invocation.environment()).containsEntry(MoxxyDelegate.AGENT, "default");
    }

    @Test
    void theConnectedInstanceIsAddedToTheEnvironmentAndItsTokenShowsNowhereElse() {
        String token = "moxxy-secret-" + System.nanoTime();
        Invocation plain = cli.invocation(Runs.firstRun(Runs.profile("moxxy", "builder", List.of(), Map.of()), "Go"));

        Invocation connected = MoxxyCli.connect(plain, new MoxxyInstance(URI.create("http://127.0.0.1:17890"),
                MoxxyCredentials.bearer(token)));

        assertThat(connected.environment()).containsEntry(MoxxyDelegate.URL, "http://127.0.0.1:17890")
                .containsEntry(MoxxyDelegate.TOKEN_KIND, "bearer").containsEntry(MoxxyDelegate.TOKEN, token)
                .containsEntry(MoxxyDelegate.AGENT, "builder");
        assertThat(connected.argv()).isEqualTo(plain.argv()).noneMatch(arg -> arg.contains(token));
        assertThat(connected.toString()).doesNotContain(token).contains(MoxxyDelegate.TOKEN);
        assertThat(MoxxyCli.connect(plain, new MoxxyInstance(URI.create("http://127.0.0.1:17890"),
                MoxxyCredentials.none())).environment()).containsEntry(MoxxyDelegate.TOKEN_KIND, "none")
                .doesNotContainKey(MoxxyDelegate.TOKEN);
    }
}
