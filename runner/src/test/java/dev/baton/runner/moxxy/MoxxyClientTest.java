package dev.baton.runner.moxxy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.baton.runner.moxxy.FakeMoxxy.Received;
import dev.baton.runner.moxxy.MoxxyException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link MoxxyClient} against {@link FakeMoxxy} (and a few servers that are not moxxy) over loopback HTTP. */
class MoxxyClientTest {

    private static final String TOKEN = "mox-s3cr3t-T0ken-4f1d";
    private static final String AGENT = "default";
    private static final SpawnProfile BUILDER = new SpawnProfile("builder", "Builds", "openai", "gpt-4o", "native",
            "base");

    private final FakeMoxxy moxxy = FakeMoxxy.withToken(TOKEN);
    private final MoxxyClient client = new MoxxyClient(moxxy.baseUrl(), MoxxyCredentials.bearer(TOKEN));
    private HttpServer other;

    @AfterEach
    void stop() {
        moxxy.close();
        if (other != null) {
            other.stop(0);
        }
    }

    @Test
    void verifyListsTheAgentsWithTheBearerToken() {
        assertThat(client.verify()).containsExactly("default");
        assertThat(moxxy.received()).singleElement().satisfies(request -> {
            assertThat(request.method() + " " + request.uri()).isEqualTo("GET /api/agents");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("X-Moxxy-Internal-Token")).isNull();
        });
    }

    @Test
    void anInternalTokenGoesInItsOwnHeader() {
        MoxxyClient internal = new MoxxyClient(moxxy.baseUrl(), MoxxyCredentials.internal(TOKEN));

        assertThat(internal.listAgents()).containsExactly("default");
        assertThat(moxxy.received()).singleElement().satisfies(request -> {
            assertThat(request.header("X-Moxxy-Internal-Token")).isEqualTo(TOKEN);
            assertThat(request.header("Authorization")).isNull();
        });
    }

    @Test
    void aLoopbackMoxxyWithoutTokensNeedsNone() {
        try (FakeMoxxy open = FakeMoxxy.open()) {
            assertThat(new MoxxyClient(open.baseUrl(), MoxxyCredentials.none()).verify()).containsExactly("default");
            assertThat(open.received().get(0).headers()).doesNotContainKeys("Authorization", "X-Moxxy-Internal-Token");
        }
    }

    @Test
    void aWrongOrMissingTokenIsUnauthorized() {
        MoxxyException wrong = failure(Kind.UNAUTHORIZED, () -> new MoxxyClient(moxxy.baseUrl(),
                MoxxyCredentials.bearer("not-" + TOKEN)).verify());
        MoxxyException wrongInternal = failure(Kind.UNAUTHORIZED, () -> new MoxxyClient(moxxy.baseUrl(),
                MoxxyCredentials.internal("not-" + TOKEN)).verify());
        MoxxyException none = failure(Kind.UNAUTHORIZED, () -> new MoxxyClient(moxxy.baseUrl(),
                MoxxyCredentials.none()).verify());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong).hasMessageContaining("Invalid or unauthorized API token");
        assertThat(wrongInternal).hasMessageContaining("Missing or invalid Authorization header");
        assertThat(none).hasMessageContaining("Missing or invalid Authorization header");
        assertThat(List.of(wrong, wrongInternal, none)).allSatisfy(e -> assertThat(e.getMessage())
                .doesNotContain(TOKEN));
    }

    @Test
    void noServerIsUnreachable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        MoxxyException e = failure(Kind.UNREACHABLE, () -> new MoxxyClient(URI.create("http://127.0.0.1:" + port),
                MoxxyCredentials.bearer(TOKEN)).verify());

        assertThat(e.status()).isZero();
        assertThat(e).hasMessageContaining("cannot be reached for GET /api/agents").hasMessageNotContaining(TOKEN);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MoxxyClient slow = new MoxxyClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    MoxxyCredentials.bearer(TOKEN), Duration.ofSeconds(5), Duration.ofMillis(300));

            assertThat(failure(Kind.UNREACHABLE, slow::verify)).hasMessageContaining("timed out");
        }
    }

    @Test
    void moxxyDownThenBackIsUnreachableThenFine() {
        client.verify();
        moxxy.stop();
        failure(Kind.UNREACHABLE, client::verify);

        moxxy.restart();
        assertThat(client.verify()).containsExactly("default");
    }

    @Test
    void anotherServerIsNotMoxxy() throws IOException {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            boolean html = exchange.getRequestURI().getPath().startsWith("/html");
            boolean json = exchange.getRequestURI().getPath().startsWith("/json");
            byte[] body = (html ? "<html><body>Welcome to nginx</body></html>" : json ? "{\"status\":\"ok\"}"
                    : "Not Found").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(html || json ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        String base = "http://127.0.0.1:" + other.getAddress().getPort();

        for (String prefix : List.of("", "/html", "/json")) {
            MoxxyClient notMoxxy = new MoxxyClient(URI.create(base + prefix), MoxxyCredentials.bearer(TOKEN));
            assertThat(failure(Kind.NOT_MOXXY, notMoxxy::verify)).hasMessageNotContaining(TOKEN);
        }
        MoxxyClient notFound = new MoxxyClient(URI.create(base), MoxxyCredentials.bearer(TOKEN));
        assertThat(failure(Kind.NOT_MOXXY, notFound::verify).status()).isEqualTo(404);
        assertThat(failure(Kind.NOT_MOXXY, () -> notFound.job(AGENT, "j1")).status()).isEqualTo(404);
    }

    @Test
    void successFalseIsUpstreamWithMoxxysMessage() {
        MoxxyException unknownAgent = failure(Kind.UPSTREAM, () -> client.restartAgent("ghost"));
        MoxxyException defaultAgent = failure(Kind.UPSTREAM, () -> client.deleteAgent("default"));
        MoxxyException unknownJob = failure(Kind.UPSTREAM, () -> client.job(AGENT, "no-such-job"));

        assertThat(unknownAgent.status()).isEqualTo(200);
        assertThat(unknownAgent).hasMessage("moxxy refused POST /api/agents/ghost/restart: Agent not found");
        assertThat(defaultAgent).hasMessageEndingWith("Cannot delete the default agent.");
        assertThat(unknownJob).hasMessageEndingWith("Job not found");
        assertThat(unknownJob.jobId()).isNull();
    }

    @Test
    void aRequestMoxxyCannotDeserializeIsUpstreamWithItsStatus() {
        MoxxyException e = failure(Kind.UPSTREAM, () -> client.startJob(AGENT, JobRequest.of(null)));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e).hasMessageContaining("Failed to deserialize the JSON body").hasMessageContaining("prompt");
    }

    @Test
    void moxxyEchoingTheTokenDoesNotLeakIt() throws IOException {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            String echoed = exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean rejected = exchange.getRequestURI().getPath().endsWith("restart");
            byte[] body = (rejected ? "Failed to deserialize the JSON body: " + echoed
                    : JsonNodeFactory.instance.objectNode().put("success", false).put("error", "rejected " + echoed)
                    .toString()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", rejected ? "text/plain; charset=utf-8"
                    : "application/json");
            exchange.sendResponseHeaders(rejected ? 422 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        MoxxyClient echo = new MoxxyClient(URI.create("http://127.0.0.1:" + other.getAddress().getPort()),
                MoxxyCredentials.bearer(TOKEN));

        MoxxyException vault = failure(Kind.UPSTREAM, () -> echo.setVaultKey(AGENT, "GITHUB_TOKEN", "ghp_vAluE"));
        MoxxyException restart = failure(Kind.UPSTREAM, () -> echo.restartAgent(AGENT));

        assertThat(vault).hasMessageContaining("rejected Bearer ***").hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("ghp_vAluE");
        assertThat(restart.status()).isEqualTo(422);
        assertThat(restart).hasMessageContaining("Bearer ***").hasMessageNotContaining(TOKEN);
    }

    @Test
    void credentialsNeverShowTheToken() {
        assertThat(MoxxyCredentials.bearer(TOKEN).toString()).doesNotContain(TOKEN).contains("BEARER");
        assertThrows(IllegalArgumentException.class, () -> MoxxyCredentials.bearer(" "));
        assertThrows(IllegalArgumentException.class, () -> MoxxyCredentials.internal("a\r\nX-Evil: 1"));
    }

    @Test
    void agentsAreCreatedRestartedAndDeleted() {
        assertThat(client.createAgent(new NewAgent("builder", "Builds things", "native", null)))
                .isEqualTo("Agent builder provisioned and booted successfully");
        assertThat(client.listAgents()).containsExactlyInAnyOrder("default", "builder");
        assertThat(failure(Kind.UPSTREAM, () -> client.createAgent(new NewAgent("builder", "again", null, null))))
                .hasMessageEndingWith("Agent already exists");
        assertThat(client.restartAgent("builder")).contains("session restarted");
        assertThat(client.deleteAgent("builder")).isEqualTo("Agent 'builder' deleted.");
        assertThat(client.listAgents()).containsExactly("default");

        Received create = moxxy.received().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(create.header("Content-Type")).isEqualTo("application/json");
        assertThat(create.body()).isEqualTo("{\"name\":\"builder\",\"description\":\"Builds things\","
                + "\"runtime_type\":\"native\"}");
    }

    @Test
    void aVaultValueIsPassedThrough() {
        client.setVaultKey(AGENT, "GITHUB_TOKEN", "ghp_abc123");

        assertThat(moxxy.vaultValue(AGENT, "GITHUB_TOKEN")).isEqualTo("ghp_abc123");
        assertThat(failure(Kind.UPSTREAM, () -> client.setVaultKey("ghost", "GITHUB_TOKEN", "ghp_abc123")))
                .hasMessageEndingWith("Agent not found");
    }

    @Test
    void theConfigIsReadAndReplaced() {
        assertThat(client.config(AGENT)).isEqualTo(new OrchestratorConfig(null, WorkerMode.MIXED, null, 1,
                FailurePolicy.AUTO_REPLAN, MergePolicy.MANUAL_APPROVAL, 5));

        OrchestratorConfig changed = new OrchestratorConfig("simple", WorkerMode.EXISTING, 3, 2,
                FailurePolicy.FAIL_FAST, MergePolicy.AUTO_ON_REVIEW_PASS, 4);
        assertThat(client.setConfig(AGENT, changed)).isEqualTo(changed);
        assertThat(client.config(AGENT)).isEqualTo(changed);
    }

    @Test
    void templatesAreListedSavedPatchedAndDeleted() {
        assertThat(client.templates(AGENT)).extracting(OrchestratorTemplate::templateId)
                .containsExactly("builder-checker-merger", "dev-pipeline", "multi-repo", "parallel-workers",
                        "research-report", "simple");
        OrchestratorTemplate kanban = new OrchestratorTemplate("tpl-kanban", "Kanban", "Backlog batches",
                WorkerMode.EPHEMERAL, 2, null, null, MergePolicy.MANUAL_APPROVAL, List.of(BUILDER));

        assertThat(client.saveTemplate(AGENT, kanban)).isEqualTo(kanban);
        assertThat(client.template(AGENT, "tpl-kanban")).isEqualTo(kanban);
        OrchestratorTemplate patched = client.patchTemplate(AGENT, "tpl-kanban",
                new TemplatePatch("Kanban 2", null, null, 4, null, null, null, null));
        assertThat(patched.name()).isEqualTo("Kanban 2");
        assertThat(patched.defaultMaxParallelism()).isEqualTo(4);
        assertThat(patched.description()).isEqualTo("Backlog batches");

        client.deleteTemplate(AGENT, "tpl-kanban");
        assertThat(failure(Kind.UPSTREAM, () -> client.template(AGENT, "tpl-kanban")))
                .hasMessageEndingWith("Template not found");
    }

    @Test
    void templateValidationIsMoxxys() {
        SpawnProfile unknown = new SpawnProfile("builder", "Builds", "nope", "m", "native", "base");
        OrchestratorTemplate invalid = new OrchestratorTemplate("t", "T", "d", null, null, null, null, null,
                List.of(unknown));

        assertThat(failure(Kind.UPSTREAM, () -> client.saveTemplate(AGENT, invalid)))
                .hasMessageEndingWith("unknown provider 'nope'");
        // A seeded template has no provider or model: moxxy refuses any patch that does not bring them.
        assertThat(failure(Kind.UPSTREAM, () -> client.patchTemplate(AGENT, "simple",
                new TemplatePatch("Simple", null, null, null, null, null, null, null))))
                .hasMessageEndingWith("spawn profile provider/model is required");
    }

    @Test
    void aJobIsStartedWithEveryFieldAndReadBack() {
        moxxy.addAgent("builder");
        moxxy.addAgent("reviewer");
        Instant before = Instant.now().minusSeconds(2);

        StartedJob started = client.startJob(AGENT, new JobRequest("Process the backlog", "simple",
                WorkerMode.MIXED, List.of("builder", "reviewer"), 2, 3));

        assertThat(started.workerCount()).isEqualTo(4);
        assertThat(moxxy.received().get(0).body()).isEqualTo("{\"prompt\":\"Process the backlog\","
                + "\"template_id\":\"simple\",\"worker_mode\":\"mixed\",\"existing_agents\":[\"builder\",\"reviewer\"],"
                + "\"ephemeral\":{\"count\":2},\"max_parallelism\":3}");
        MoxxyJob job = client.job(AGENT, started.jobId());
        assertThat(job.jobId()).isEqualTo(started.jobId());
        assertThat(job.agentName()).isEqualTo(AGENT);
        assertThat(job.status()).isEqualTo(JobState.EXECUTING);
        assertThat(job.workerMode()).isEqualTo(WorkerMode.MIXED);
        assertThat(job.prompt()).isEqualTo("Process the backlog");
        assertThat(job.createdAt()).isAfter(before);
        assertThat(job.finishedAt()).isNull();
        assertThat(client.events(AGENT, started.jobId(), 0, 200)).extracting(JobEvent::eventType)
                .containsExactly("job_started");
    }

    @Test
    void aJobsWorkersAndEndAreRead() {
        String jobId = client.startJob(AGENT, JobRequest.of("Fix the build")).jobId();
        String run = moxxy.startWorker(jobId, "ephemeral-1", "ephemeral");
        assertThat(client.workers(AGENT, jobId)).singleElement().satisfies(worker -> {
            assertThat(worker.workerRunId()).isEqualTo(run);
            assertThat(worker.status()).isEqualTo("running");
            assertThat(worker.finishedAt()).isNull();
        });

        moxxy.finishWorker(run, "succeeded", "All green");
        moxxy.finish(jobId, "completed");

        assertThat(client.workers(AGENT, jobId)).singleElement().satisfies(worker -> {
            assertThat(worker.status()).isEqualTo("succeeded");
            assertThat(worker.output()).isEqualTo("All green");
            assertThat(worker.finishedAt()).isNotNull();
        });
        MoxxyJob job = client.job(AGENT, jobId);
        assertThat(job.status()).isEqualTo(JobState.COMPLETED);
        assertThat(job.summary()).isEqualTo("Orchestration completed");
        assertThat(job.finishedAt()).isNotNull();
        assertThat(client.workers(AGENT, "no-such-job")).isEmpty();
    }

    @Test
    void aStartThatFailsValidationNamesTheFailedJob() {
        moxxy.rejectNextJob("Missing required vault key 'OPENAI_API_KEY' for provider 'openai'");

        MoxxyException e = failure(Kind.UPSTREAM, () -> client.startJob(AGENT, JobRequest.of("Go")));

        assertThat(e).hasMessageEndingWith("orchestration failed");
        MoxxyJob job = client.job(AGENT, e.jobId());
        assertThat(job.status()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).contains("OPENAI_API_KEY");
        assertThat(client.events(AGENT, e.jobId(), 0, 200)).extracting(JobEvent::eventType)
                .containsExactly("job_started", "failed", "done");
    }

    @Test
    void eventsArePagedWithTheAfterCursorAcrossGaps() {
        String first = client.startJob(AGENT, JobRequest.of("One")).jobId();
        String second = client.startJob(AGENT, JobRequest.of("Two")).jobId();
        for (int i = 0; i < 4; i++) {
            moxxy.addEvent(first, "advisory", JsonNodeFactory.instance.objectNode().put("text", "note " + i));
            moxxy.addEvent(second, "advisory", JsonNodeFactory.instance.objectNode().put("text", "other " + i));
        }

        List<JobEvent> read = new ArrayList<>();
        long after = 0;
        for (List<JobEvent> page = client.events(AGENT, first, after, 2); !page.isEmpty();
             page = client.events(AGENT, first, after, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            read.addAll(page);
            after = page.get(page.size() - 1).id();
        }

        assertThat(read).extracting(JobEvent::jobId).containsOnly(first);
        assertThat(read).extracting(JobEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(read.get(2).id() - read.get(1).id()).isGreaterThan(1);
        assertThat(read).extracting(event -> event.payload().path("text").asText())
                .containsExactly("", "note 0", "note 1", "note 2", "note 3");
        assertThat(read.get(0).payload().path("state").asText()).isEqualTo("queued");
        assertThat(moxxy.received()).extracting(Received::uri)
                .contains("/api/agents/default/orchestrate/jobs/" + first + "/events?after=0&limit=2");
    }

    @Test
    void cancelDoesNotStopTheWorkersAndALateDoneFollows() {
        String jobId = client.startJob(AGENT, JobRequest.of("Long job")).jobId();
        String run = moxxy.startWorker(jobId, AGENT, "native");

        assertThat(client.cancel(AGENT, jobId)).isEqualTo(CancelOutcome.CANCELED);
        assertThat(client.cancel(AGENT, jobId)).isEqualTo(CancelOutcome.ALREADY_FINISHED);
        moxxy.finishWorker(run, "succeeded", "done anyway");
        moxxy.finish(jobId, "completed");

        assertThat(client.job(AGENT, jobId).status()).isEqualTo(JobState.CANCELED);
        List<JobEvent> events = client.events(AGENT, jobId, 0, 200);
        assertThat(events).extracting(JobEvent::eventType).containsExactly("job_started", "worker_started",
                "canceled", "done", "worker_completed", "done");
        assertThat(events).filteredOn(event -> event.eventType().equals("done"))
                .extracting(event -> event.payload().path("status").asText()).containsExactly("canceled", "completed");
        assertThat(failure(Kind.UPSTREAM, () -> client.cancel(AGENT, "no-such-job")))
                .hasMessageEndingWith("Job not found");
    }

    @Test
    void approveMergeCompletesAnExecutingJob() {
        String jobId = client.startJob(AGENT, JobRequest.of("Ship it")).jobId();

        client.approveMerge(AGENT, jobId);
        MoxxyJob job = client.job(AGENT, jobId);
        assertThat(job.status()).isEqualTo(JobState.COMPLETED);
        assertThat(job.summary()).isEqualTo("Merge approved");

        client.approveMerge(AGENT, jobId);
        assertThat(client.events(AGENT, jobId, 0, 200)).extracting(JobEvent::eventType)
                .containsExactly("job_started", "merge_approved", "done");
    }

    @Test
    void approveMergeOnAFailedJobKeepsItFailed() {
        String jobId = client.startJob(AGENT, JobRequest.of("Broken")).jobId();
        moxxy.finish(jobId, "failed");

        client.approveMerge(AGENT, jobId);

        assertThat(client.job(AGENT, jobId).status()).isEqualTo(JobState.FAILED);
        assertThat(client.events(AGENT, jobId, 0, 200)).extracting(JobEvent::eventType)
                .containsExactly("job_started", "done", "merge_approved", "done");
    }

    @Test
    void theTokenTravelsOnlyInItsHeader() {
        client.setVaultKey(AGENT, "GITHUB_TOKEN", "ghp_abc123");
        String jobId = client.startJob(AGENT, JobRequest.of("Go")).jobId();
        client.job(AGENT, jobId);
        client.cancel(AGENT, jobId);

        assertThat(moxxy.received()).hasSize(4).allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.uri()).doesNotContain(TOKEN);
            assertThat(request.body()).doesNotContain(TOKEN);
            request.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Authorization")) {
                    assertThat(values).noneMatch(value -> value.contains(TOKEN));
                }
            });
        });
    }

    private static MoxxyException failure(Kind kind, Executable call) {
        MoxxyException e = assertThrows(MoxxyException.class, call);
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        return e;
    }
}
