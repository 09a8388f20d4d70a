package dev.baton.runner.moxxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.agent.AgentLimits;
import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;
import dev.baton.runner.agent.moxxy.MoxxyCli;
import dev.baton.runner.process.AgentProcess;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.process.RunFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link MoxxyDelegate} as the runner starts it: a real child JVM (through {@link MoxxyCli}'s invocation and the
 * {@link ProcessSupervisor}, stdout in a file) against a {@link FakeMoxxy} on loopback, which the test moves on as
 * moxxy's executor would.
 */
class MoxxyDelegateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String token = "moxxy-token-" + UUID.randomUUID();
    private final FakeMoxxy moxxy = FakeMoxxy.withToken(token);
    private final List<AgentProcess> started = new ArrayList<>();
    private Path worktree;

    @BeforeEach
    void worktree() throws IOException {
        worktree = Files.createDirectory(dir.resolve("worktree"));
        moxxy.addAgent("builder");
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (AgentProcess process : started) {
            process.stop(Duration.ofMillis(200));
        }
        moxxy.close();
    }

    @Test
    void aCompletedJobPrintsItsEventsAndTheWorkersOutputAndExitsZero() throws Exception {
        Delegate delegate = start(MoxxyCredentials.internal(token), "builder", Map.of());
        String jobId = delegate.jobId();

        JsonNode job = moxxy.job(jobId);
        assertThat(job.path("agent_name").asText()).isEqualTo("builder");
        assertThat(job.path("worker_mode").asText()).isEqualTo("existing");
        assertThat(job.path("prompt").asText()).startsWith("Create hello.txt").contains(worktree.toString());
        FakeMoxxy.Received post = moxxy.received().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(post.body()).path("existing_agents")).containsExactly(JSON.valueToTree("builder"));
        assertThat(post.header("X-Moxxy-Internal-Token")).isEqualTo(token);

        String worker = moxxy.startWorker(jobId, "builder", "native");
        delegate.awaitLine(line -> line.path("event_type").asText().equals("worker_started"));
        moxxy.finishWorker(worker, "succeeded", "Wrote hello.txt");
        moxxy.finish(jobId, "completed");

        assertThat(delegate.awaitExit()).isZero();
        assertThat(delegate.types()).as("a worker's output right after the event that says it ended")
                .containsExactly("job", "event", "event", "event", "worker", "event", "result");
        assertThat(delegate.lines()).filteredOn(line -> line.path("type").asText().equals("event"))
                .extracting(line -> line.path("event_type").asText())
                .containsExactly("job_started", "worker_started", "worker_completed", "done");
        JsonNode workerLine = delegate.line("worker");
        assertThat(workerLine.path("worker_run_id").asText()).isEqualTo(worker);
        assertThat(workerLine.path("output").asText()).isEqualTo("Wrote hello.txt");
        assertThat(delegate.line("result").path("status").asText()).isEqualTo("completed");
        assertThat(delegate.parsed()).last().isEqualTo(AgentEvent.Done.of(DoneStatus.SUCCESS, "Wrote hello.txt"));
        assertThat(delegate.allOutput()).doesNotContain(token);
    }

    @Test
    void aFailedJobExitsNonZero() throws Exception {
        Delegate delegate = start(MoxxyCredentials.bearer(token), "builder", Map.of());
        String jobId = delegate.jobId();

        moxxy.finishWorker(moxxy.startWorker(jobId, "builder", "native"), "failed", "Agent 'builder' not found");
        moxxy.finish(jobId, "failed");

        assertThat(delegate.awaitExit()).isEqualTo(1);
        assertThat(delegate.line("worker").path("status").asText()).isEqualTo("failed");
        JsonNode result = delegate.line("result");
        assertThat(result.path("status").asText()).isEqualTo("failed");
        assertThat(result.path("summary").asText()).isEqualTo("One or more workers failed");
        assertThat(delegate.parsed()).last().isEqualTo(AgentEvent.Done.of(DoneStatus.FAILED,
                "One or more workers failed"));
    }

    @Test
    void sigtermCancelsTheJobBeforeTheDelegateExits() throws Exception {
        Delegate delegate = start(MoxxyCredentials.internal(token), "builder", Map.of());
        String jobId = delegate.jobId();
        moxxy.startWorker(jobId, "builder", "native");
        delegate.awaitLine(line -> line.path("event_type").asText().equals("worker_started"));

        signal(delegate.process(), "TERM");

        assertThat(delegate.process().awaitExit(WAIT)).isTrue();
        assertThat(moxxy.job(jobId).path("status").asText()).isEqualTo("canceled");
        assertThat(delegate.process().exitStatus()).isPresent().get().isNotEqualTo(0);
        assertThat(delegate.line("cancel").path("outcome").asText()).isEqualTo("canceled");
        assertThat(delegate.line("result").path("status").asText()).isEqualTo("canceled");
        assertThat(delegate.types()).last().isEqualTo("result");
    }

    @Test
    void theRunnersStopCancelsTheJobToo() throws Exception {
        Delegate delegate = start(MoxxyCredentials.internal(token), "builder", Map.of());
        String jobId = delegate.jobId();

        delegate.process().stop(Duration.ofSeconds(10));

        assertThat(moxxy.job(jobId).path("status").asText()).isEqualTo("canceled");
        assertThat(moxxy.received()).anyMatch(r -> r.method().equals("POST") && r.uri().endsWith("/cancel"));
        assertThat(delegate.parsed()).contains(AgentEvent.Done.of(DoneStatus.CANCELLED, "stopped by Baton"));
    }

    @Test
    void aMoxxyThatIsDownForAWhileIsWaitedFor() throws Exception {
        Delegate delegate = start(MoxxyCredentials.internal(token), "builder", Map.of());
        String jobId = delegate.jobId();

        moxxy.stop();
        delegate.awaitLine(line -> line.path("type").asText().equals("warning"));
        String worker = moxxy.startWorker(jobId, "builder", "native");
        moxxy.finishWorker(worker, "succeeded", "Done while you were away");
        // it keeps waiting for moxxy rather than giving up
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> delegate.process().isAlive());
        moxxy.restart();
        moxxy.finish(jobId, "completed");

        assertThat(delegate.awaitExit()).isZero();
        assertThat(delegate.line("warning").path("message").asText()).contains("cannot be reached");
        assertThat(delegate.line("notice").path("message").asText()).startsWith("moxxy answers again");
        assertThat(delegate.line("worker").path("output").asText()).isEqualTo("Done while you were away");
        assertThat(delegate.line("result").path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aMoxxyThatStaysDownIsGivenUpOn() throws Exception {
        Delegate delegate = start(MoxxyCredentials.internal(token), "builder",
                Map.of(MoxxyDelegate.GIVE_UP_SECONDS, "2"));
        delegate.jobId();

        moxxy.stop();

        assertThat(delegate.awaitExit()).isEqualTo(1);
        JsonNode error = delegate.line("error");
        assertThat(error.path("reason").asText()).isEqualTo("unreachable");
        assertThat(error.path("message").asText()).contains("gave up on moxxy job", "the job may still run in moxxy");
        assertThat(delegate.types()).doesNotContain("result");
    }

    @Test
    void aWrongTokenIsAClearErrorThatDoesNotShowIt() throws Exception {
        String wrong = "wrong-token-" + UUID.randomUUID();
        Delegate delegate = start(MoxxyCredentials.bearer(wrong), "builder", Map.of());

        assertThat(delegate.awaitExit()).isEqualTo(1);
        JsonNode error = delegate.line("error");
        assertThat(error.path("reason").asText()).isEqualTo("unauthorized");
        assertThat(error.path("message").asText()).contains("moxxy did not start the job", "refused the bearer token");
        assertThat(delegate.allOutput()).doesNotContain(wrong).doesNotContain(token);
        List<AgentEvent> parsed = delegate.parsed();
        assertThat(parsed).filteredOn(AgentEvent.Error.class::isInstance)
                .extracting(e -> ((AgentEvent.Error) e).code()).containsExactly(AgentEvent.ErrorCode.AUTH);
        assertThat(parsed).last().isEqualTo(new AgentEvent.Done(DoneStatus.FAILED, null, 1, null, null));
    }

    @Test
    void aJobMoxxyFailsAtItsStartIsFollowedToItsError() throws Exception {
        moxxy.rejectNextJob("Missing required vault key 'OPENAI_API_KEY' for provider 'openai'");

        Delegate delegate = start(MoxxyCredentials.internal(token), "builder", Map.of());

        assertThat(delegate.awaitExit()).isEqualTo(1);
        assertThat(delegate.types()).startsWith("job", "warning").endsWith("result");
        JsonNode result = delegate.line("result");
        assertThat(result.path("status").asText()).isEqualTo("failed");
        assertThat(result.path("error").asText()).contains("Missing required vault key");
    }

    @Test
    void anUnknownAgentOrMissingSettingsEndTheRunWithAReason() throws Exception {
        Delegate unknown = start(MoxxyCredentials.internal(token), "ghost", Map.of());
        assertThat(unknown.awaitExit()).isEqualTo(1);
        assertThat(unknown.line("error").path("message").asText()).contains("Agent not found");

        Delegate misconfigured = start(MoxxyCredentials.internal(token), "builder",
                Map.of(MoxxyDelegate.TOKEN_KIND, "basic"), dir.resolve("second"));
        assertThat(misconfigured.awaitExit()).isEqualTo(1);
        assertThat(misconfigured.line("error").path("message").asText())
                .isEqualTo("the moxxy delegate cannot start: BATON_MOXXY_TOKEN_KIND must be none, internal or bearer");
        assertThat(misconfigured.allOutput()).doesNotContain(token);
    }

    private Delegate start(MoxxyCredentials credentials, String agent, Map<String, String> settings)
            throws IOException {
        return start(credentials, agent, settings, dir.resolve("run"));
    }

    /** Starts the delegate as the runner does: the adapter's invocation, connected, under the supervisor. */
    private Delegate start(MoxxyCredentials credentials, String agent, Map<String, String> settings, Path files)
            throws IOException {
        AgentProfileSettings profile = AgentProfileSettings.checked("moxxy builder", "moxxy", agent, List.of(),
                Map.of(), "builder", AgentLimits.NONE);
        RunRequest run = RunRequest.firstRun(profile, "Create hello.txt", worktree, dir.resolve("home"));
        MoxxyCli cli = new MoxxyCli();
        Invocation invocation = MoxxyCli.connect(cli.invocation(run), new MoxxyInstance(moxxy.baseUrl(), credentials))
                .withEnvironment(Map.of(MoxxyDelegate.POLL_MS, "100")).withEnvironment(settings);
        AgentProcess process = new ProcessSupervisor().start(invocation, new RunFiles(files));
        started.add(process);
        return new Delegate(process, cli.newParser(run));
    }

    /** Sends a signal to the delegate's process group, as the runner does. */
    private static void signal(AgentProcess process, String signal) throws Exception {
        new ProcessBuilder("bash", "-c", "kill -s " + signal + " -- -" + process.pid()).start().waitFor(5,
                TimeUnit.SECONDS);
    }

    private record Delegate(AgentProcess process, OutputParser parser) {

        String jobId() {
            return awaitLine(line -> line.path("type").asText().equals("job")).path("job_id").asText();
        }

        JsonNode awaitLine(java.util.function.Predicate<JsonNode> wanted) {
            return await().atMost(WAIT).until(() -> lines().stream().filter(wanted).findFirst(), Optional::isPresent)
                    .orElseThrow();
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.awaitExit(WAIT)).as("the delegate exits").isTrue();
            return process.exitStatus().orElseThrow();
        }

        /** The lines printed so far; one being written is left for the next read. */
        List<JsonNode> lines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(process.files().stdout())) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException partial) {
                    break;
                }
            }
            return lines;
        }

        List<String> types() throws IOException {
            return lines().stream().map(line -> line.path("type").asText()).toList();
        }

        JsonNode line(String type) throws IOException {
            Optional<JsonNode> found = lines().stream().filter(line -> line.path("type").asText().equals(type))
                    .findFirst();
            if (found.isEmpty()) {
                throw new AssertionError("no " + type + " line in " + allOutput());
            }
            return found.get();
        }

        String allOutput() throws IOException {
            return Files.readString(process.files().stdout()) + Files.readString(process.files().stderr());
        }

        /** The stdout lines through the adapter's parser, then the exit, as the runner reads them (once). */
        List<AgentEvent> parsed() throws IOException {
            List<AgentEvent> events = new ArrayList<>();
            for (String line : Files.readAllLines(process.files().stdout())) {
                events.addAll(parser.onLine(line));
            }
            events.addAll(parser.onExit(process.exitStatus().orElse(-1), false));
            return events;
        }
    }
}
