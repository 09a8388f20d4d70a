package dev.baton.runner.agent.claude;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.Change;
import dev.baton.runner.agent.AgentEvent.ChangeKind;
import dev.baton.runner.agent.AgentEvent.Command;
import dev.baton.runner.agent.AgentEvent.CommandStatus;
import dev.baton.runner.agent.AgentEvent.Done;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.ErrorCode;
import dev.baton.runner.agent.AgentEvent.FileChange;
import dev.baton.runner.agent.AgentEvent.FileChangeStatus;
import dev.baton.runner.agent.AgentEvent.Message;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.ToolStatus;
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

class ClaudeCodeCliTest {

    private static final String SESSION = "b2b12a3d-…";
    private static final String SHELL = "echo hello > hello.txt && cat hello.txt";

    private final ClaudeCodeCli cli = new ClaudeCodeCli();
    private final RunRequest firstRun = Runs.firstRun(Runs.profile("claude-code"), "Create hello.txt");

    @Test
    void firstRunIsPrintModeWithStreamJsonVerboseAndNoPermissionPrompts() {
        Invocation invocation = cli.invocation(Runs.firstRun(
                Runs.profile("claude-code", "claude-sonnet-4-5", List.of(), Map.of()), "Create hello.txt"));

        assertThat(invocation.argv()).containsExactly("claude", "-p", "Create hello.txt", "--output-format",
                "stream-json", "--verbose", "--permission-mode", "bypassPermissions", "--model", "claude-sonnet-4-5");
        assertThat(invocation.environment()).containsEntry("CLAUDE_CONFIG_DIR", "/data/agent-homes/att-1")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1").containsEntry("DISABLE_AUTOUPDATER", "1")
                .containsEntry("NO_COLOR", "1").hasSize(4);
        assertThat(invocation.configHomeVariable()).isEqualTo("CLAUDE_CONFIG_DIR");
        assertThat(invocation.workingDirectory()).isEqualTo(Runs.WORKTREE);
    }

    @Test
    void followUpResumesTheSession() {
        Invocation invocation = cli.invocation(Runs.followUp(Runs.profile("claude-code", null,
                List.of("npx", "-y", "@anthropic-ai/claude-code@2.1.330"), Map.of("ANTHROPIC_BASE_URL",
                        "http://127.0.0.1:18080")), "Now add a test", SESSION));

        assertThat(invocation.argv()).containsExactly("npx", "-y", "@anthropic-ai/claude-code@2.1.330", "-p",
                "Now add a test", "--output-format", "stream-json", "--verbose", "--permission-mode", "bypassPermissions",
                "--resume", SESSION);
        assertThat(invocation.environment()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:18080");
    }

    @Test
    void aRunPairsEachToolUseWithItsResultAndEndsOnTheResultLine() throws Exception {
        OutputParser parser = cli.newParser(firstRun);

        List<AgentEvent> events = feed(parser, ReferenceOutput.asPrinted("claude-code/run.jsonl"), 0, false);

        assertThat(events).containsExactly(
                new AgentEvent.Session(SESSION, "claude-sonnet-4-5", "/…/ws2"),
                new Message(Role.ASSISTANT, "I'll create the file.", null, null),
                new Command("toolu_01", SHELL, CommandStatus.STARTED, null, null),
                new Command("toolu_01", SHELL, CommandStatus.COMPLETED, null, "hello"),
                new FileChange("toolu_02", List.of(new Change("/…/notes.md", ChangeKind.UPDATE)), FileChangeStatus.STARTED),
                new FileChange("toolu_02", List.of(new Change("/…/notes.md", ChangeKind.ADD)), FileChangeStatus.COMPLETED),
                new Message(Role.ASSISTANT, "Created hello.txt. All done.", null, null),
                new AgentEvent.Usage(300, 60, 0L, null, 0.0018, false),
                new Done(DoneStatus.SUCCESS, "Created hello.txt. All done.", null, 3, 465L));
        assertThat(parser.sessionId()).contains(SESSION);
    }

    @Test
    void otherToolsTodosAndThinkingHaveTheirOwnEvents() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<AgentEvent> events = feed(cli.newParser(firstRun), List.of(
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"thinking\",\"thinking\":\"Look first.\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_03\",\"name\":\"Grep\",\"input\":{\"pattern\":\"TODO\"}},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_04\",\"name\":\"TodoWrite\",\"input\":{\"todos\":["
                        + "{\"content\":\"Write it\",\"status\":\"completed\"},{\"content\":\"Test it\",\"status\":\"pending\"}]}}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"tool_use_id\":\"toolu_03\",\"type\":\"tool_result\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"no matches\"}],\"is_error\":true},"
                        + "{\"tool_use_id\":\"toolu_04\",\"type\":\"tool_result\",\"content\":\"ok\"}]}}"), 0, false);

        assertThat(events).containsExactly(
                new AgentEvent.Reasoning("Look first.", null, null),
                new AgentEvent.ToolCall("toolu_03", "Grep", json.readTree("{\"pattern\":\"TODO\"}"), ToolStatus.STARTED, null, null),
                new AgentEvent.Todo(List.of(new AgentEvent.TodoItem("Write it", true), new AgentEvent.TodoItem("Test it", false))),
                new AgentEvent.ToolCall("toolu_03", "Grep", json.readTree("{\"pattern\":\"TODO\"}"), ToolStatus.FAILED, null, "no matches"),
                new Done(DoneStatus.FAILED, null, 0, null, null));
    }

    @Test
    void anApiRetryIsAWarning() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("claude-code/api-retry.jsonl"),
                1, false);

        assertThat(events).containsExactly(
                new AgentEvent.Error("API retry 1/10: authentication_failed (HTTP 401)", false, ErrorCode.AUTH),
                new Done(DoneStatus.FAILED, null, 1, null, null));
    }

    @Test
    void anAuthFailureIsAResultWithIsErrorEvenThoughItsSubtypeSaysSuccess() {
        String failure = "Failed to authenticate. API Error: 401 …";

        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("claude-code/auth-failure.jsonl"),
                1, false);

        assertThat(events).containsExactly(
                new AgentEvent.Error("Failed to authenticate. API Error: 401 Incorrect API key provided", false, ErrorCode.AUTH),
                new AgentEvent.Error(failure, true, ErrorCode.AUTH),
                new Done(DoneStatus.FAILED, failure, null, 1, null));
    }

    @Test
    void sigintEndsWithExitZeroAndNoResultWhichIsCancelledWhenWeSentIt() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("claude-code/cancelled.jsonl"),
                0, true);

        assertThat(events).containsExactly(
                new AgentEvent.Session(SESSION, "claude-sonnet-4-5", "/…/ws2"),
                new Message(Role.USER, "[Request interrupted by user]", null, null),
                new Done(DoneStatus.CANCELLED, null, 0, null, null));
    }

    @Test
    void exitZeroWithoutAResultThatWeDidNotAskForIsAFailure() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("claude-code/cancelled.jsonl"),
                0, false);

        assertThat(events).last().isEqualTo(new Done(DoneStatus.FAILED, null, 0, null, null));
    }

    @Test
    void theVerbatimReferenceLinesWithTrimsAreReadAsPlainTextWithoutThrowing() {
        List<String> verbatim = ReferenceOutput.verbatim("claude-code/run.jsonl");

        List<AgentEvent> events = feed(cli.newParser(firstRun), verbatim, 0, false);

        assertThat(events).hasSize(verbatim.size() + 1).last().isEqualTo(new Done(DoneStatus.FAILED, null, 0, null, null));
        assertThat(events).filteredOn(Message.class::isInstance).extracting(e -> ((Message) e).role())
                .contains(Role.SYSTEM);
    }
}
