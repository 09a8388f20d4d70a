package dev.baton.runner.agent.moxxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.Done;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.ErrorCode;
import dev.baton.runner.agent.AgentEvent.Message;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.ToolCall;
import dev.baton.runner.agent.AgentEvent.ToolStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.runner.agent.Runs.feed;
import static org.assertj.core.api.Assertions.assertThat;

/** The delegate's lines, as {@link dev.baton.runner.moxxy.MoxxyDelegate} prints them, read into agent events. */
class MoxxyParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "{\"type\":\"job\",\"job_id\":\"j-1\",\"agent\":\"builder\",\"worker_count\":1}";
    private static final String STARTED = "{\"type\":\"event\",\"id\":3,\"event_type\":\"worker_started\",\"payload\":"
            + "{\"worker_run_id\":\"w-1\",\"worker_agent\":\"builder\",\"worker_mode\":\"native\"}}";
    private static final String COMPLETED = "{\"type\":\"event\",\"id\":4,\"event_type\":\"worker_completed\","
            + "\"payload\":{\"worker_run_id\":\"w-1\",\"worker_agent\":\"builder\",\"status\":\"succeeded\"}}";

    @Test
    void aCompletedJobIsASuccessWhoseLastWordsAreTheWorkersOutput() throws Exception {
        List<AgentEvent> events = feed(new MoxxyParser(), List.of(JOB,
                "{\"type\":\"event\",\"id\":1,\"event_type\":\"job_started\",\"payload\":{\"state\":\"queued\","
                        + "\"worker_mode\":\"existing\"}}",
                "{\"type\":\"event\",\"id\":2,\"event_type\":\"advisory\",\"payload\":{\"text\":\"Configured parallelism"
                        + " 9 is above recommended threshold 5\"}}",
                STARTED, COMPLETED,
                "{\"type\":\"worker\",\"worker_run_id\":\"w-1\",\"worker_agent\":\"builder\",\"status\":\"succeeded\","
                        + "\"output\":\"Wrote hello.txt\",\"error\":null}",
                "{\"type\":\"event\",\"id\":5,\"event_type\":\"done\",\"payload\":{\"status\":\"completed\"}}",
                "{\"type\":\"result\",\"job_id\":\"j-1\",\"status\":\"completed\",\"summary\":\"Orchestration completed\","
                        + "\"error\":null}"), 0, false);

        assertThat(events).containsExactly(
                system("moxxy job j-1 started on agent builder (1 worker(s) planned)"),
                system("moxxy job_started {\"state\":\"queued\",\"worker_mode\":\"existing\"}"),
                system("moxxy: Configured parallelism 9 is above recommended threshold 5"),
                new ToolCall("w-1", "moxxy_worker", JSON.readTree("{\"worker_run_id\":\"w-1\",\"worker_agent\":"
                        + "\"builder\",\"worker_mode\":\"native\"}"), ToolStatus.STARTED, null, null),
                new ToolCall("w-1", "moxxy_worker", null, ToolStatus.COMPLETED, "Wrote hello.txt", null),
                Message.assistant("Wrote hello.txt"),
                system("moxxy done {\"status\":\"completed\"}"),
                Done.of(DoneStatus.SUCCESS, "Wrote hello.txt"));
    }

    @Test
    void aFailedJobIsAFatalErrorAndAFailure() {
        List<AgentEvent> events = feed(new MoxxyParser(), List.of(JOB, STARTED, COMPLETED,
                "{\"type\":\"worker\",\"worker_run_id\":\"w-1\",\"worker_agent\":\"builder\",\"status\":\"failed\","
                        + "\"output\":\"Agent 'builder' not found\",\"error\":\"Agent 'builder' not found\"}",
                "{\"type\":\"result\",\"job_id\":\"j-1\",\"status\":\"failed\",\"summary\":\"One or more workers failed\","
                        + "\"error\":null}"), 1, false);

        assertThat(events).filteredOn(ToolCall.class::isInstance).last().isEqualTo(new ToolCall("w-1", "moxxy_worker",
                null, ToolStatus.FAILED, "Agent 'builder' not found", "Agent 'builder' not found"));
        assertThat(events).filteredOn(Message.class::isInstance).extracting(e -> ((Message) e).role())
                .doesNotContain(Role.ASSISTANT);
        assertThat(events).endsWith(new AgentEvent.Error("moxxy job failed: One or more workers failed", true, null),
                Done.of(DoneStatus.FAILED, "One or more workers failed"));
    }

    @Test
    void aJobCancelledByTheStopIsACancellation() {
        List<AgentEvent> events = feed(new MoxxyParser(), List.of(JOB,
                "{\"type\":\"cancel\",\"job_id\":\"j-1\",\"outcome\":\"canceled\"}",
                "{\"type\":\"result\",\"job_id\":\"j-1\",\"status\":\"canceled\",\"summary\":\"stopped by Baton\"}"),
                143, true);

        assertThat(events).endsWith(system("moxxy job j-1 cancelled (canceled); its workers may run on in moxxy"),
                Done.of(DoneStatus.CANCELLED, "stopped by Baton"));
    }

    @Test
    void theDelegatesTroublesAreErrorsAndAnExitWithoutAResultIsAFailure() {
        List<AgentEvent> events = feed(new MoxxyParser(), List.of(
                "{\"type\":\"warning\",\"message\":\"moxxy cannot be reached; trying again\"}",
                "{\"type\":\"notice\",\"message\":\"moxxy answers again after 3 s\"}",
                "{\"type\":\"error\",\"reason\":\"unauthorized\",\"message\":\"moxxy refused the internal token\"}"),
                1, false);

        assertThat(events).containsExactly(AgentEvent.Error.warning("moxxy cannot be reached; trying again"),
                system("moxxy answers again after 3 s"),
                new AgentEvent.Error("moxxy refused the internal token", true, ErrorCode.AUTH),
                new Done(DoneStatus.FAILED, null, 1, null, null));
    }

    @Test
    void garbageIsPassedOnAndUnknownLinesAreWarnings() {
        List<AgentEvent> events = feed(new MoxxyParser(), List.of("Picked up JAVA_TOOL_OPTIONS: -Xss1m", "",
                "{\"type\":\"surprise\"}", "{\"no_type\":1}", "[1,2]"), 0, false);

        assertThat(events).containsExactly(system("Picked up JAVA_TOOL_OPTIONS: -Xss1m"),
                AgentEvent.Error.warning("unrecognised moxxy delegate output: {\"type\":\"surprise\"}"),
                AgentEvent.Error.warning("unrecognised moxxy delegate output: {\"no_type\":1}"),
                system("[1,2]"),
                new Done(DoneStatus.FAILED, null, 0, null, null));
    }

    private static Message system(String text) {
        return new Message(Role.SYSTEM, text, null, null);
    }
}
