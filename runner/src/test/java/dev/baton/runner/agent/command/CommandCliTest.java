package dev.baton.runner.agent.command;

import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.Done;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.Message;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;
import dev.baton.runner.agent.Runs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.runner.agent.Runs.feed;
import static org.assertj.core.api.Assertions.assertThat;

class CommandCliTest {

    private final CommandCli cli = new CommandCli();
    private final RunRequest run = Runs.firstRun(Runs.profile("command", "ignored-model",
            List.of("/usr/local/bin/my-agent", "--fast"), Map.of("MY_ENDPOINT", "http://127.0.0.1:9000")), "Fix the bug");

    @Test
    void theProfileCommandIsTheWholeArgvAndThePromptGoesInBatonPromptAndOnStdin() {
        Invocation invocation = cli.invocation(run);

        assertThat(invocation.argv()).containsExactly("/usr/local/bin/my-agent", "--fast");
        assertThat(invocation.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("NO_COLOR", "1",
                "BATON_PROMPT", "Fix the bug", "MY_ENDPOINT", "http://127.0.0.1:9000"));
        assertThat(invocation.configHomeVariable()).isNull();
        assertThat(invocation.stdin()).isEqualTo("Fix the bug");
    }

    @Test
    void aFollowUpIsAnotherRunWithTheNewPrompt() {
        Invocation invocation = cli.invocation(Runs.followUp(run.profile(), "And the other one", "no-session"));

        assertThat(invocation.argv()).containsExactly("/usr/local/bin/my-agent", "--fast");
        assertThat(invocation.environment()).containsEntry("BATON_PROMPT", "And the other one");
    }

    @Test
    void eachLineIsAnAssistantMessageAndTheExitCodeDecides() {
        OutputParser parser = cli.newParser(run);

        List<AgentEvent> events = feed(parser, List.of("Looking at the bug", "{\"type\":\"not parsed\"}", ""), 0, false);

        assertThat(events).containsExactly(Message.assistant("Looking at the bug"), Message.assistant("{\"type\":\"not parsed\"}"),
                Message.assistant(""), new Done(DoneStatus.SUCCESS, null, 0, null, null));
        assertThat(parser.sessionId()).isEmpty();
        assertThat(feed(cli.newParser(run), List.of(), 3, false)).containsExactly(new Done(DoneStatus.FAILED, null, 3, null, null));
        assertThat(feed(cli.newParser(run), List.of(), 0, true)).containsExactly(new Done(DoneStatus.CANCELLED, null, 0, null, null));
    }
}
