package dev.baton.runner.agent.codex;

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

class CodexCliTest {

    private static final String THREAD = "01a20035-fb51-7700-8b21-baca211a6684";
    private static final String SHELL = "/bin/bash -lc 'echo hello > hello.txt && cat hello.txt'";
    private static final String AUTH_FAILURE =
            "unexpected status 401 Unauthorized: Incorrect API key provided, url: …/v1/responses";

    private final CodexCli cli = new CodexCli();
    private final RunRequest firstRun = Runs.firstRun(Runs.profile("codex"), "Create hello.txt");

    @Test
    void firstRunIsExecJsonWithTheWorktreeTheSandboxAndNoApprovals() {
        Invocation invocation = cli.invocation(Runs.firstRun(Runs.profile("codex", "gpt-5.5", List.of(), Map.of()),
                "Create hello.txt"));

        assertThat(invocation.argv()).containsExactly("codex", "exec", "--json", "--skip-git-repo-check",
                "-C", "/data/worktrees/att-1", "-s", "workspace-write", "-m", "gpt-5.5", "-c", "approval_policy=never",
                "Create hello.txt");
        assertThat(invocation.environment()).containsExactly(Map.entry("NO_COLOR", "1"),
                Map.entry("CODEX_HOME", "/data/agent-homes/att-1"));
        assertThat(invocation.configHomeVariable()).isEqualTo("CODEX_HOME");
        assertThat(invocation.workingDirectory()).isEqualTo(Runs.WORKTREE);
        assertThat(invocation.stdin()).isNull();
    }

    @Test
    void followUpPutsResumeAndTheThreadAfterTheExecFlags() {
        Invocation invocation = cli.invocation(Runs.followUp(Runs.profile("codex"), "Now add a test", THREAD));

        assertThat(invocation.argv()).containsExactly("codex", "exec", "--json", "--skip-git-repo-check",
                "-C", "/data/worktrees/att-1", "-s", "workspace-write", "-c", "approval_policy=never",
                "resume", THREAD, "Now add a test");
    }

    @Test
    void theProfileCommandReplacesTheExecutableAndItsEnvIsAddedBeforeCodexHome() {
        Invocation invocation = cli.invocation(Runs.firstRun(Runs.profile("codex", null,
                List.of("/opt/codex/bin/codex"), Map.of("CODEX_HOME", "/home/me/.codex", "RUST_LOG", "error")), "Go"));

        assertThat(invocation.argv()).startsWith("/opt/codex/bin/codex", "exec", "--json").endsWith("Go");
        assertThat(invocation.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("NO_COLOR", "1",
                "CODEX_HOME", "/data/agent-homes/att-1", "RUST_LOG", "error"));
    }

    @Test
    void aRunBecomesSessionReasoningCommandFileChangeMessageUsageAndDone() {
        OutputParser parser = cli.newParser(firstRun);

        List<AgentEvent> events = feed(parser, ReferenceOutput.asPrinted("codex/run.jsonl"), 0, false);

        assertThat(events).containsExactly(
                new AgentEvent.Session(THREAD, null, null),
                new AgentEvent.Reasoning("**Planning**\n\nI will create a file using the shell.", null, "item_0"),
                new Command("item_1", SHELL, CommandStatus.STARTED, null, null),
                new Command("item_1", SHELL, CommandStatus.COMPLETED, 0, "hello\n"),
                new FileChange("item_2", List.of(new Change("/…/ws1/notes.md", ChangeKind.ADD)), FileChangeStatus.STARTED),
                new FileChange("item_2", List.of(new Change("/…/ws1/notes.md", ChangeKind.ADD)), FileChangeStatus.COMPLETED),
                new Message(Role.ASSISTANT, "Created hello.txt and notes.md. All done.", null, "item_3"),
                new Usage(360, 90, 60L, 24L, null, false),
                Done.of(DoneStatus.SUCCESS, null));
        assertThat(parser.sessionId()).contains(THREAD);
    }

    @Test
    void aResumedThreadReportsOnlyWhatTheNewTurnSpent() {
        // The reference: the first run reported 360 input tokens, the resumed run (one more call of 120) 480.
        RunRequest resumed = RunRequest.followUp(Runs.profile("codex"), "Again", Runs.WORKTREE, Runs.CONFIG_HOME,
                new RunRequest.Resume(THREAD, new Usage(360, 90, 60L, 24L, null, false)));
        OutputParser parser = cli.newParser(resumed);

        List<AgentEvent> events = feed(parser, List.of(
                "{\"type\":\"thread.started\",\"thread_id\":\"" + THREAD + "\"}",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":480,\"cached_input_tokens\":80,"
                        + "\"output_tokens\":120,\"reasoning_output_tokens\":32}}"), 0, false);

        assertThat(events).contains(new Usage(120, 30, 20L, 8L, null, false));
    }

    @Test
    void anAuthFailureIsTwoWarningsThenAFatalErrorAndAFailedDone() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("codex/auth-failure.jsonl"),
                1, false);

        assertThat(events).containsExactly(
                new AgentEvent.Error("Reconnecting... 1/5 (unexpected status 401 Unauthorized: Incorrect API key "
                        + "provided, url: http://127.0.0.1:18080/err401/v1/responses)", false, ErrorCode.AUTH),
                new AgentEvent.Error(AUTH_FAILURE, false, ErrorCode.AUTH),
                new AgentEvent.Error(AUTH_FAILURE, true, ErrorCode.AUTH),
                Done.of(DoneStatus.FAILED, AUTH_FAILURE));
    }

    @Test
    void contextOverflowAndAMissingKeyFailTheTurn() {
        String overflow = "Codex ran out of room in the model's context window. …";
        assertThat(feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("codex/context-overflow.jsonl"), 1, false))
                .containsExactly(new AgentEvent.Error(overflow, true, ErrorCode.CONTEXT), Done.of(DoneStatus.FAILED, overflow));

        String missingKey = "Missing environment variable: `MOCK_API_KEY`.";
        assertThat(feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("codex/missing-key.jsonl"), 1, false))
                .containsExactly(new AgentEvent.Error(missingKey, true, null), Done.of(DoneStatus.FAILED, missingKey));
    }

    @Test
    void anErrorItemIsOnlyAWarning() {
        List<AgentEvent> events = feed(cli.newParser(firstRun),
                ReferenceOutput.asPrinted("codex/unknown-model-warning.jsonl"), 0, false);

        assertThat(events).containsExactly(
                AgentEvent.Error.warning("Model metadata for `mock-model` not found. Defaulting to fallback metadata…"),
                new Done(DoneStatus.FAILED, null, 0, null, null));
    }

    @Test
    void sigintLeavesNoTerminalEventSoTheParserSaysCancelled() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("codex/cancelled.jsonl"), 1, true);

        assertThat(events).containsExactly(new AgentEvent.Session(THREAD, null, null),
                new Done(DoneStatus.CANCELLED, null, 1, null, null));
    }

    @Test
    void exitOneWithoutTurnFailedIsAFailure() {
        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("codex/cancelled.jsonl"), 1, false);

        assertThat(events).last().isEqualTo(new Done(DoneStatus.FAILED, null, 1, null, null));
    }

    @Test
    void theTerminalEventWinsOverTheExitCodeAndThereIsOnlyOneDone() {
        OutputParser parser = cli.newParser(firstRun);
        List<AgentEvent> events = feed(parser, List.of("{\"type\":\"turn.completed\",\"usage\":{}}",
                "{\"type\":\"turn.failed\",\"error\":{\"message\":\"late\"}}"), 2, true);

        assertThat(events).filteredOn(Done.class::isInstance).containsExactly(Done.of(DoneStatus.SUCCESS, null));
    }

    @Test
    void garbageAndUnknownLinesBecomeMessagesAndWarningsAndTheRunGoesOn() {
        OutputParser parser = cli.newParser(firstRun);

        List<AgentEvent> events = feed(parser, List.of("Reading additional input from stdin...",
                "{\"type\":\"turn.exploded\",\"x\":1}", "[1,2]", "{\"type\":\"item.completed\",\"item\":{\"type\":\"hologram\"}}",
                "{\"type\":\"item.completed\"}", "", "{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}"), 0, false);

        assertThat(events).containsExactly(
                new Message(Role.SYSTEM, "Reading additional input from stdin...", null, null),
                AgentEvent.Error.warning("unrecognised codex output: {\"type\":\"turn.exploded\",\"x\":1}"),
                new Message(Role.SYSTEM, "[1,2]", null, null),
                AgentEvent.Error.warning("unrecognised codex output: {\"type\":\"item.completed\",\"item\":{\"type\":\"hologram\"}}"),
                AgentEvent.Error.warning("unrecognised codex output: {\"type\":\"item.completed\"}"),
                new AgentEvent.Session("t-1", null, null),
                // exit 0 without turn.completed: the run was cut short
                new Done(DoneStatus.FAILED, null, 0, null, null));
    }

    @Test
    void theVerbatimReferenceLinesNeverThrow() {
        assertThat(feed(cli.newParser(firstRun), ReferenceOutput.verbatim("codex/missing-key.jsonl"), 1, false))
                .containsExactly(new Message(Role.SYSTEM, ReferenceOutput.verbatim("codex/missing-key.jsonl").get(0), null, null),
                        new Done(DoneStatus.FAILED, null, 1, null, null));
    }
}
