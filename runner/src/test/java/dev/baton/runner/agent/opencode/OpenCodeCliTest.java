package dev.baton.runner.agent.opencode;

import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.Command;
import dev.baton.runner.agent.AgentEvent.CommandStatus;
import dev.baton.runner.agent.AgentEvent.Done;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.ErrorCode;
import dev.baton.runner.agent.AgentEvent.Message;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.Usage;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.ReferenceOutput;
import dev.baton.runner.agent.RunRequest;
import dev.baton.runner.agent.Runs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.runner.agent.Runs.feed;
import static org.assertj.core.api.Assertions.assertThat;

class OpenCodeCliTest {

    private static final String SESSION = "ses_dffc6db11ffemogiN0MoaFE7xr";

    private final OpenCodeCli cli = new OpenCodeCli();
    private final RunRequest firstRun = Runs.firstRun(Runs.profile("opencode"), "Create hello.txt");

    @Test
    void firstRunIsRunFormatJsonWithAutoApprovalInTheWorktree() {
        Invocation invocation = cli.invocation(Runs.firstRun(Runs.profile("opencode", "mock/mock-model", List.of(),
                Map.of("OPENCODE_CONFIG_CONTENT", "{\"model\":\"mock/mock-model\"}")), "Create hello.txt"));

        assertThat(invocation.argv()).containsExactly("opencode", "run", "--format", "json", "--auto",
                "--dir", "/data/worktrees/att-1", "-m", "mock/mock-model", "Create hello.txt");
        assertThat(invocation.environment()).containsEntry("HOME", "/data/agent-homes/att-1")
                .containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "1").containsEntry("OPENCODE_DISABLE_MODELS_FETCH", "1")
                .containsEntry("OPENCODE_DISABLE_SHARE", "1").containsEntry("NO_COLOR", "1")
                .containsEntry("OPENCODE_CONFIG_CONTENT", "{\"model\":\"mock/mock-model\"}").hasSize(6);
        assertThat(invocation.configHomeVariable()).isEqualTo("HOME");
    }

    @Test
    void followUpContinuesTheSession() {
        assertThat(cli.invocation(Runs.followUp(Runs.profile("opencode"), "Now add a test", SESSION)).argv())
                .containsExactly("opencode", "run", "--format", "json", "--auto", "--dir", "/data/worktrees/att-1",
                        "-s", SESSION, "Now add a test");
    }

    @Test
    void aRunGivesUsagePerStepAndIsDoneWhenTheProcessExitsCleanly() {
        OutputParser parser = cli.newParser(firstRun);

        List<AgentEvent> events = feed(parser, ReferenceOutput.asPrinted("opencode/run.jsonl"), 0, false);

        assertThat(events).containsExactly(
                new AgentEvent.Session(SESSION, null, null),
                new Command("call_1", "echo hello > hello.txt && cat hello.txt", CommandStatus.COMPLETED, 0, "hello\n"),
                new Usage(100, 20, 0L, 0L, 0.0, false),
                new Message(Role.ASSISTANT, "Created hello.txt. All done.", null, "prt_…"),
                // the last step_finish is trimmed to "tokens":{…} in the reference
                new Usage(0, 0, null, null, 0.0, false),
                new Done(DoneStatus.SUCCESS, null, 0, null, null));
        assertThat(parser.sessionId()).contains(SESSION);
    }

    @Test
    void anErrorLineIsFatalAndTheExitFailsTheRun() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("opencode/auth-failure.jsonl"),
                1, false);

        assertThat(events).containsExactly(
                new AgentEvent.Session("ses_…", null, null),
                new AgentEvent.Error("Incorrect API key provided", true, ErrorCode.AUTH),
                new Done(DoneStatus.FAILED, null, 1, null, null));
    }

    @Test
    void aFatalErrorFailsTheRunEvenWhenTheProcessExitsZero() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("opencode/auth-failure.jsonl"),
                0, false);

        assertThat(events).last().isEqualTo(new Done(DoneStatus.FAILED, null, 0, null, null));
    }

    @Test
    void editsTodosAndTheDoneOfNewerVersionsAreRead() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), List.of(
                "{\"type\":\"tool_use\",\"sessionID\":\"ses_1\",\"part\":{\"type\":\"tool\",\"tool\":\"edit\","
                        + "\"callID\":\"call_2\",\"state\":{\"status\":\"error\",\"input\":{\"filePath\":\"/w/a.txt\"},"
                        + "\"error\":\"oldString not found\"}}}",
                "{\"type\":\"tool_use\",\"sessionID\":\"ses_1\",\"part\":{\"type\":\"tool\",\"tool\":\"todowrite\","
                        + "\"callID\":\"call_3\",\"state\":{\"status\":\"completed\",\"input\":{\"todos\":["
                        + "{\"content\":\"Fix it\",\"status\":\"in_progress\"}]}}}}",
                "{\"type\":\"done\",\"reason\":\"idle\",\"rejected\":[]}"), 0, true);

        assertThat(events).containsExactly(
                new AgentEvent.Session("ses_1", null, null),
                new AgentEvent.FileChange("call_2", List.of(new AgentEvent.Change("/w/a.txt", AgentEvent.ChangeKind.UPDATE)),
                        AgentEvent.FileChangeStatus.FAILED),
                new AgentEvent.Todo(List.of(new AgentEvent.TodoItem("Fix it", false))),
                Done.of(DoneStatus.SUCCESS, null));
    }

    @Test
    void cancelledByUsIsCancelled() {
        assertThat(feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("opencode/run.jsonl").subList(0, 2), 130, true))
                .last().isEqualTo(new Done(DoneStatus.CANCELLED, null, 130, null, null));
    }
}
