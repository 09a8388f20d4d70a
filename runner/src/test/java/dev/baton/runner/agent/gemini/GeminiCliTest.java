package dev.baton.runner.agent.gemini;

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

class GeminiCliTest {

    private static final String SESSION = "9ed48808-cedf-48e9-aa35-f9917657a2f6";
    private static final String SHELL = "echo hello > hello.txt && cat hello.txt";

    private final GeminiCli cli = new GeminiCli();
    private final RunRequest firstRun = Runs.firstRun(Runs.profile("gemini"), "Create hello.txt");

    @Test
    void firstRunIsHeadlessStreamJsonInYoloModeWithItsOwnHome() {
        Invocation invocation = cli.invocation(Runs.firstRun(Runs.profile("gemini", "gemini-2.5-pro",
                List.of("node", "/opt/gemini/bundle/gemini.js"), Map.of("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:18080")),
                "Create hello.txt"));

        assertThat(invocation.argv()).containsExactly("node", "/opt/gemini/bundle/gemini.js", "-p", "Create hello.txt",
                "--output-format", "stream-json", "--yolo", "--skip-trust", "-m", "gemini-2.5-pro");
        assertThat(invocation.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("NO_COLOR", "1",
                "GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:18080", "HOME", "/data/agent-homes/att-1"));
        assertThat(invocation.configHomeVariable()).isEqualTo("HOME");
    }

    @Test
    void followUpResumesTheSessionByItsUuid() {
        assertThat(cli.invocation(Runs.followUp(Runs.profile("gemini"), "Now add a test", SESSION)).argv())
                .containsExactly("gemini", "-p", "Now add a test", "--output-format", "stream-json", "--yolo",
                        "--skip-trust", "--resume", SESSION);
    }

    @Test
    void aRunGivesTheEchoedPromptTextChunksTheCommandUsageAndDone() {
        OutputParser parser = cli.newParser(firstRun);

        List<AgentEvent> events = feed(parser, ReferenceOutput.asPrinted("gemini/run.jsonl"), 0, false);

        assertThat(events).containsExactly(
                new AgentEvent.Session(SESSION, "gemini-2.5-pro", null),
                new Message(Role.USER, "Create hello.txt", null, null),
                new Message(Role.ASSISTANT, "I'll create the file.", true, null),
                new Command("run_shell_command__run_shell_command_1795300152784_0", SHELL, CommandStatus.STARTED, null, null),
                // The reference trimmed this tool_id, so it no longer matches the tool_use: the result still reads
                // as a command (Gemini ids start with the tool name), without the command line.
                new Command("run_shell_command__…_0", null, CommandStatus.COMPLETED, null, "hello"),
                new Message(Role.ASSISTANT, "Created hello.txt. All done.", true, null),
                new Usage(200, 40, 0L, null, null, false),
                new Done(DoneStatus.SUCCESS, null, null, null, 213L));
        assertThat(parser.sessionId()).contains(SESSION);
    }

    @Test
    void aMatchingToolResultKeepsTheCommandLine() {
        List<String> lines = ReferenceOutput.asPrinted("gemini/run.jsonl");
        String result = lines.get(4).replace("run_shell_command__…_0", "run_shell_command__run_shell_command_1795300152784_0");

        assertThat(feed(cli.newParser(firstRun), List.of(lines.get(3), result), 0, false)).contains(
                new Command("run_shell_command__run_shell_command_1795300152784_0", SHELL, CommandStatus.COMPLETED, null, "hello"));
    }

    @Test
    void anErrorResultIsFatal() {
        String message = "[API Error: {…Incorrect API key provided…}]";

        List<AgentEvent> events = feed(cli.newParser(firstRun), ReferenceOutput.asPrinted("gemini/api-error.jsonl"), 1, false);

        assertThat(events).containsExactly(
                new Usage(0, 0, null, null, null, false),
                new AgentEvent.Error(message, true, ErrorCode.AUTH),
                new Done(DoneStatus.FAILED, message, null, null, null));
    }

    @Test
    void stderrNoiseIsANonFatalErrorAndAnErrorLineIsAWarning() {
        OutputParser parser = cli.newParser(firstRun);

        assertThat(parser.onStderr("YOLO mode is enabled. All tool calls will be automatically approved."))
                .containsExactly(AgentEvent.Error.warning("YOLO mode is enabled. All tool calls will be automatically approved."));
        assertThat(parser.onStderr("   ")).isEmpty();
        assertThat(parser.onLine("{\"type\":\"error\",\"severity\":\"warning\",\"message\":\"Loop detected\"}"))
                .containsExactly(AgentEvent.Error.warning("Loop detected"));
        assertThat(parser.onExit(0, false)).containsExactly(new Done(DoneStatus.FAILED, null, 0, null, null));
    }
}
