package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.AgentRuns;
import dev.baton.api.support.Api;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.api.support.SseClient;
import dev.baton.runner.attempt.RunnerSettings;
import dev.baton.runner.process.Processes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attempts run for real: a `command` agent (a bash script) edits files in its own worktree of a real repository, the
 * project's gates run, the changes are committed and diffed, and the log is read back over HTTP and SSE.
 */
class AttemptRunTest extends ApiTestBase {

    @Autowired
    private RunnerSettings settings;
    private Path repo;
    private String projectId;

    @BeforeEach
    void project() {
        repo = GitRepos.create();
        projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("Run"), "local_path", repo.toString(),
                        "commands", Map.of("test", "test -f hello.txt"), "bot_identity",
                        Map.of("name", "Baton Bot", "email", "bot@baton.test")))
                .expect(201).data().get("project_id").asText();
    }

    private String agent(String script) {
        return api.post("/api/v1/agents", Json.obj("name", uniqueName("Script"), "adapter", "command",
                "command", List.of("bash", "-c", script))).expect(201).data().get("agent_profile_id").asText();
    }

    private String startAttempt(String taskId, String agent) {
        return api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent, "prompt", "Say hello"))
                .expect(201).data().get("attempt_id").asText();
    }

    private List<JsonNode> logs(String attemptId) {
        return Json.list(api.get("/api/v1/attempts/" + attemptId + "/logs").expect(200).data().get("items"));
    }

    private static List<String> kinds(List<JsonNode> messages, String kind, String field) {
        return messages.stream().filter(m -> m.get("event").get("kind").asText().equals(kind))
                .map(m -> m.get("event").get("payload").path(field).asText()).toList();
    }

    @Test
    void anAgentsChangesReachReviewWithGatesDiffAndLogWithoutTouchingTheCheckout() throws Exception {
        String taskId = createTask(projectId, Json.obj("title", "Say hello", "description", "Write hello.txt"));
        String agent = agent("echo \"prompt: $BATON_PROMPT\" | head -1; echo hello > hello.txt; echo finished >&2");

        String attemptId = startAttempt(taskId, agent);
        JsonNode attempt;
        try (SseClient stream = SseClient.open(base(), "/api/v1/attempts/" + attemptId + "/stream")) {
            List<SseClient.Message> messages = stream.until(m -> m.json().get("event").get("payload").path("to")
                    .asText().equals("review_ready"), Duration.ofSeconds(30));
            List<JsonNode> events = messages.stream().map(SseClient.Message::json).toList();
            assertThat(kinds(events, "STATUS", "to")).containsExactly("queued", "running", "gates_running", "review_ready");
            assertThat(kinds(events, "LOG", "message")).contains("prompt: # Task: Say hello", "finished");
            assertThat(kinds(events, "GATE_RESULT", "gate")).containsExactly("test");
            List<Long> seqs = messages.stream().map(SseClient.Message::position).toList();
            assertThat(seqs).as("every message once, in order").isEqualTo(sequence(1, seqs.size()));
            attempt = awaitAttempt(attemptId, "review_ready");
        }

        assertThat(attempt.get("base_branch").asText()).isEqualTo("main");
        assertThat(attempt.get("gates").get(0).get("gate").asText()).isEqualTo("test");
        assertThat(attempt.get("gates").get(0).get("exit_code").asInt()).isZero();
        assertThat(attempt.get("diff_stat").get("files").asInt()).isEqualTo(1);
        assertThat(attempt.get("diff_stat").get("additions").asInt()).isEqualTo(1);
        assertThat(attempt.get("summary").asText()).contains("hello.txt", "test passed");
        assertThat(Json.texts(attempt.get("artifacts"), "name")).contains("agent-stdout", "gate-test", "diff");
        assertThat(kinds(Json.list(attempt.get("recent_events")), "STATUS", "to")).contains("review_ready");

        JsonNode diff = api.get("/api/v1/attempts/" + attemptId + "/diff").expect(200).data();
        assertThat(diff.get("files").get(0).get("path").asText()).isEqualTo("hello.txt");
        assertThat(diff.get("files").get(0).get("change").asText()).isEqualTo("added");
        Api.Response raw = new Api(base()).header("Accept", "text/x-diff").get("/api/v1/attempts/" + attemptId + "/diff");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/x-diff");
        assertThat(raw.text()).contains("+++ b/hello.txt", "+hello");

        assertThat(repo.resolve("hello.txt")).as("the user's checkout is untouched").doesNotExist();
        try (Git git = Git.open(repo.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit head = walk.parseCommit(git.getRepository().resolve("refs/heads/" + attempt.get("branch").asText()));
            assertThat(head.getName()).isEqualTo(attempt.get("head_commit").asText());
            assertThat(head.getAuthorIdent().getName()).isEqualTo("Baton Bot");
            assertThat(head.getCommitterIdent().getEmailAddress()).isEqualTo("bot@baton.test");
            assertThat(head.getParent(0).getName()).isEqualTo(attempt.get("base_commit").asText());
            assertThat(git.getRepository().resolve(Constants.HEAD).getName()).isEqualTo(attempt.get("base_commit").asText());
        }
        JsonNode board = awaitBoard(projectId, b -> card(b, taskId).map(c -> c.get("column").asText().equals("review"))
                .orElse(false));
        assertThat(card(board, taskId).orElseThrow().get("status").asText()).isEqualTo("review_ready");
    }

    @Test
    void untrackedFilesAskedForAreCopiedIntoTheWorkspaceButNeverCommitted() throws IOException {
        Files.writeString(repo.resolve(".env"), "SECRET=from-the-checkout\n");
        String taskId = createTask(projectId, Json.obj("title", "Use the env"));
        String agent = agent("cat .env; echo hello > hello.txt");

        String attemptId = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent,
                "copy_files", List.of(".env"))).expect(201).data().get("attempt_id").asText();

        awaitAttempt(attemptId, "review_ready");
        assertThat(kinds(logs(attemptId), "LOG", "message")).contains("SECRET=from-the-checkout");
        JsonNode diff = api.get("/api/v1/attempts/" + attemptId + "/diff").expect(200).data();
        assertThat(Json.texts(diff.get("files"), "path")).containsExactly("hello.txt");

        String missing = api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent,
                "copy_files", List.of("missing.env"))).expect(201).data().get("attempt_id").asText();
        assertThat(awaitAttempt(missing, "failed").get("failure_reason").asText()).contains("missing.env");
        api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent,
                "copy_files", List.of("../outside"))).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent,
                "copy_files", ".env")).expectError(400, "VALIDATION_FAILED");
    }

    @Test
    void failingGatesStillGiveAReviewWithTheFailureShown() {
        String taskId = createTask(projectId, Json.obj("title", "Do nothing"));
        String attemptId = startAttempt(taskId, agent("echo nothing to do"));

        JsonNode attempt = awaitAttempt(attemptId, "review_ready", "failed");

        assertThat(attempt.get("status").asText()).isEqualTo("review_ready");
        assertThat(attempt.get("gates").get(0).get("exit_code").asInt()).isEqualTo(1);
        assertThat(attempt.get("diff_stat").get("files").asInt()).isZero();
        assertThat(attempt.get("head_commit").asText()).isEqualTo(attempt.get("base_commit").asText());
        assertThat(attempt.get("summary").asText()).contains("No files changed", "test failed (exit code 1)");
        String outputRef = attempt.get("gates").get(0).get("output_ref").asText();
        Api.Response output = api.get("/api/v1/artifacts/" + outputRef);
        assertThat(output.status()).isEqualTo(200);
        assertThat(output.text()).isEmpty();
    }

    @Test
    void anAgentThatFailsFailsTheAttemptWithItsExitCode() {
        String taskId = createTask(projectId, Json.obj("title", "Crash"));
        String attemptId = startAttempt(taskId, agent("echo about to fail; exit 3"));

        JsonNode attempt = awaitAttempt(attemptId, "failed", "review_ready");

        assertThat(attempt.get("status").asText()).isEqualTo("failed");
        assertThat(attempt.get("failure_reason").asText()).contains("exit code 3");
        // the runner writes the STATUS messages as it handles the events, which may be after the read model shows them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> log = logs(attemptId);
            assertThat(kinds(log, "LOG", "message")).contains("about to fail");
            assertThat(kinds(log, "STATUS", "to")).containsExactly("queued", "running", "failed");
        });
    }

    @Test
    void anAgentThatPutsAnotherRepositoryInPlaceOfItsWorktreeFailsItsAttemptAndBatonRunsNoGitThere() throws Exception {
        Path marker = Files.createTempDirectory("baton-marker").resolve("fsmonitor-ran");
        String taskId = createTask(projectId, Json.obj("title", "Swap"));
        String attemptId = startAttempt(taskId, agent("d=$(pwd); cd ..; mv \"$d\" \"$d.aside\"; mkdir \"$d\";"
                + " git -C \"$d\" init -q; git -C \"$d\" config core.fsmonitor 'touch " + marker + "';"
                + " git -C \"$d\" config filter.x.clean 'touch " + marker + "';"
                + " echo '* filter=x' > \"$d/.gitattributes\"; echo hello > \"$d/hello.txt\""));

        JsonNode failed = awaitAttempt(attemptId, "failed");

        assertThat(failed.get("failure_reason").asText()).contains("changed from outside its files");
        assertThat(marker).doesNotExist();
    }

    @Test
    void cancellingARunningAttemptStopsItsAgentAndEverythingItStarted() throws Exception {
        Path started = Files.createTempFile("baton-started", ".txt");
        String taskId = createTask(projectId, Json.obj("title", "Sleep"));
        String attemptId = startAttempt(taskId, agent("sleep 300 & echo $! > " + started + "; echo started; wait"));
        awaitAttempt(attemptId, "running");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.readString(started).isBlank());
        long run = AgentRuns.pid(settings.agentFiles(attemptId));

        api.post("/api/v1/attempts/" + attemptId + "/cancel", Json.obj("reason", "not needed")).expect(200);

        assertThat(awaitAttempt(attemptId, "cancelled").get("status").asText()).isEqualTo("cancelled");
        // the agent's process group: the agent, the background sleep and, sandboxed, the sandbox's processes
        await().atMost(Duration.ofSeconds(20)).until(() -> !Processes.groupIsRunning(run));
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(logs(attemptId), "STATUS", "to").contains("cancelled"));
    }

    @Test
    void attemptsBeyondTheProjectsLimitWaitQueuedAndStartInOrder() throws IOException {
        api.patch("/api/v1/projects/" + projectId, Json.obj("budgets", Map.of("max_parallel_attempts", 1))).expect(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/projects/" + projectId).expect(200).data()
                .get("budgets").path("max_parallel_attempts").asInt() == 1);
        Path gate = Files.createTempFile("baton-gate", ".txt");
        String agent = agent("while [ ! -s " + gate + " ]; do sleep 0.05; done; echo hello > hello.txt");
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attempts.add(startAttempt(createTask(projectId, Json.obj("title", "Task " + i)), agent));
        }
        awaitAttempt(attempts.get(0), "running");
        assertThat(api.get("/api/v1/attempts/" + attempts.get(1)).expect(200).data().get("status").asText())
                .isEqualTo("queued");
        assertThat(api.get("/api/v1/attempts/" + attempts.get(2)).expect(200).data().get("status").asText())
                .isEqualTo("queued");

        Files.writeString(gate, "go");

        for (String attemptId : attempts) {
            awaitAttempt(attemptId, "review_ready");
        }
        List<String> started = attempts.stream().map(id -> api.get("/api/v1/attempts/" + id).expect(200).data()
                .get("started_at").asText()).toList();
        assertThat(started).isSorted();
    }

    @Test
    void theLogPagesAndTheStreamResumesAfterLastEventIdWithoutGapOrDuplicate() {
        String taskId = createTask(projectId, Json.obj("title", "Count"));
        String attemptId = startAttempt(taskId, agent("for i in $(seq 1 30); do echo line $i; done; echo hello > hello.txt"));
        awaitAttempt(attemptId, "review_ready");
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(logs(attemptId), "STATUS", "to").contains("review_ready"));
        List<JsonNode> all = logs(attemptId);

        JsonNode page = api.get("/api/v1/attempts/" + attemptId + "/logs?limit=10").expect(200).data();
        assertThat(page.get("items")).hasSize(10);
        JsonNode next = api.get("/api/v1/attempts/" + attemptId + "/logs?limit=10&after=" + page.get("next").asText())
                .expect(200).data();
        assertThat(next.get("items").get(0).get("seq").asLong()).isEqualTo(11);
        assertThat(all.get(0).get("type").asText()).isEqualTo("event");
        assertThat(all.get(0).get("attempt_id").asText()).isEqualTo(attemptId);
        assertThat(all.get(0).get("ts").asText()).isNotBlank();

        try (SseClient resumed = SseClient.open(base(), "/api/v1/attempts/" + attemptId + "/stream", "Last-Event-ID", "20")) {
            List<SseClient.Message> rest = resumed.until(m -> m.position() == all.size(), Duration.ofSeconds(10));
            assertThat(rest.stream().map(SseClient.Message::position).toList()).isEqualTo(sequence(21, all.size() - 20));
        }
        assertThat(kinds(all, "LOG", "message")).containsSubsequence("line 1", "line 2", "line 30");

        List<JsonNode> overWebSocket = webSocketMessages("/ws/attempts/" + attemptId + "?after=5", all.size() - 5);
        assertThat(overWebSocket).isEqualTo(all.subList(5, all.size()));
    }

    @Test
    void aWebSocketForAnUnknownAttemptIsClosed() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ws/attempts/00000000-0000-0000-0000-000000000000"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(4404);
    }

    /** The first {@code count} messages of a WebSocket, as JSON. */
    private List<JsonNode> webSocketMessages(String path, int count) {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(Json.parse(text.toString()));
                            text.setLength(0);
                            if (received.size() >= count) {
                                enough.complete(null);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        enough.orTimeout(10, TimeUnit.SECONDS).join();
        socket.abort();
        return List.copyOf(received);
    }

    @Test
    void logsOfUnknownAttemptsAndBadCursorsAreRefused() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        api.get("/api/v1/attempts/" + unknown + "/logs").expectError(404, "NOT_FOUND");
        api.get("/api/v1/attempts/" + unknown + "/diff").expectError(404, "NOT_FOUND");
        api.get("/api/v1/attempts/" + unknown + "/artifacts").expectError(404, "NOT_FOUND");
        assertThat(SseClient.open(base(), "/api/v1/attempts/" + unknown + "/stream").status()).isEqualTo(404);
        api.get("/api/v1/artifacts/" + unknown + ".diff").expectError(404, "NOT_FOUND");
        api.get("/api/v1/artifacts/" + unknown + "...agent-stdout").expectError(404, "NOT_FOUND");

        String taskId = createTask(projectId, Json.obj("title", "Slow"));
        String attemptId = startAttempt(taskId, agent("sleep 300"));
        api.get("/api/v1/attempts/" + attemptId + "/logs?after=-1").expectError(400, "VALIDATION_FAILED");
        api.get("/api/v1/attempts/" + attemptId + "/logs?limit=0").expectError(400, "VALIDATION_FAILED");
        api.get("/api/v1/attempts/" + attemptId + "/artifacts/..agent-stdout").expectError(404, "NOT_FOUND");
        assertThat(api.get("/api/v1/attempts/" + attemptId + "/diff").expectError(404, "NOT_FOUND")
                .get("message").asText()).contains("no diff yet");
        api.post("/api/v1/attempts/" + attemptId + "/cancel", null).expect(200);
        awaitAttempt(attemptId, "cancelled");
    }

    private static List<Long> sequence(long first, int count) {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(first + i);
        }
        return numbers;
    }
}
