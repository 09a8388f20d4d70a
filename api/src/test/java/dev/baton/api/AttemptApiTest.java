package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The attempt endpoints that need no runner yet: start (queued), read, list per task, cancel, approve refusals. */
class AttemptApiTest extends ApiTestBase {

    private String projectId;
    private String agent;
    private String taskId;

    @BeforeEach
    void task() {
        projectId = createProject(uniqueName("Attempts"));
        agent = sleepingAgent();
        taskId = createTask(projectId, Json.obj("title", "Add login"));
    }

    private String start(String body) {
        return api.post("/api/v1/tasks/" + taskId + "/attempts", body).expect(201).data().get("attempt_id").asText();
    }

    private JsonNode attempt(String attemptId, long version) {
        return api.get("/api/v1/attempts/" + attemptId + "?min_version=" + version).expect(200).data();
    }

    @Test
    void startAnswers201AndTheAttemptIsQueuedOnItsOwnBranch() {
        Api.Response answer = api.post("/api/v1/tasks/" + taskId + "/attempts",
                Json.obj("agent_profile_id", agent, "prompt", "Use OAuth")).expect(201);
        String attemptId = answer.data().get("attempt_id").asText();
        assertThat(answer.data().get("version").asLong()).isZero();

        JsonNode attempt = attempt(attemptId, 0);

        assertThat(attempt.get("attempt_id").asText()).isEqualTo(attemptId);
        assertThat(attempt.get("task_id").asText()).isEqualTo(taskId);
        assertThat(attempt.get("project_id").asText()).isEqualTo(projectId);
        assertThat(attempt.get("status").asText()).as("queued, unless the runner started it already").isIn("queued", "running");
        assertThat(attempt.get("agent_profile_id").asText()).isEqualTo(agent);
        assertThat(attempt.get("branch").asText()).isEqualTo("baton/" + taskId + "/" + attemptId);
        assertThat(attempt.get("created_at").asText()).isNotBlank();
        assertThat(attempt.get("gates").isArray()).isTrue();
        assertThat(attempt.get("usage").get("input_tokens").asLong()).isZero();
        assertThat(attempt.has("base_commit")).isTrue();
    }

    @Test
    void withoutAnAgentProfileTheTasksAgentRuns() {
        long version = patchTask(taskId, Json.obj("agent_profile_id", agent));
        task(taskId, version);

        String attemptId = start(null);

        assertThat(attempt(attemptId, 0).get("agent_profile_id").asText()).isEqualTo(agent);
    }

    @Test
    void aTaskWithoutAgentNeedsOne() {
        JsonNode error = api.post("/api/v1/tasks/" + taskId + "/attempts", "{}").expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("agent_profile_id");
        assertThat(error.get("message").asText()).contains("has no agent profile");
    }

    @Test
    void anUnknownTaskIsNotFoundAndAnUnknownAgentIsRefused() {
        api.post("/api/v1/tasks/00000000-0000-0000-0000-000000000000/attempts", Json.obj("agent_profile_id", agent))
                .expectError(404, "NOT_FOUND");
        JsonNode error = api.post("/api/v1/tasks/" + taskId + "/attempts",
                Json.obj("agent_profile_id", "00000000-0000-0000-0000-000000000000")).expectError(400, "VALIDATION_FAILED");
        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("agent_profile_id");
    }

    @Test
    void badBodiesAreRefused() {
        api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent, "nonsense", 1))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/tasks/" + taskId + "/attempts", "{\"prompt\": [1]}").expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent, "prompt", "x".repeat(20_001)))
                .expectError(400, "VALIDATION_FAILED");
        assertThat(api.get("/api/v1/tasks/" + taskId + "/attempts").expect(200).data().get("items")).isEmpty();
    }

    @Test
    void anAttemptOfAnArchivedProjectIsRefused() {
        api.delete("/api/v1/projects/" + projectId).expect(200);

        api.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent))
                .expectError(409, "INVALID_STATE");
    }

    @Test
    void aTasksAttemptsAreListedNewestFirst() {
        String first = start(Json.obj("agent_profile_id", agent));
        attempt(first, 0);
        String second = start(Json.obj("agent_profile_id", agent));
        attempt(second, 0);

        JsonNode items = api.get("/api/v1/tasks/" + taskId + "/attempts").expect(200).data().get("items");

        assertThat(Json.texts(items, "attempt_id")).containsExactly(second, first);
    }

    @Test
    void anAttemptCanBeCancelledOnce() {
        String attemptId = start(Json.obj("agent_profile_id", agent));
        awaitAttempt(attemptId, "running");

        JsonNode cancelled = api.post("/api/v1/attempts/" + attemptId + "/cancel", Json.obj("reason", "wrong task"))
                .expect(200).data();

        assertThat(cancelled.get("version").asLong()).isEqualTo(2);
        JsonNode attempt = attempt(attemptId, 2);
        assertThat(attempt.get("status").asText()).isEqualTo("cancelled");
        assertThat(attempt.get("finished_at").asText()).isNotBlank();
        assertThat(attempt.get("version").asLong()).isEqualTo(2);
        assertThat(api.post("/api/v1/attempts/" + attemptId + "/cancel", null).expectError(409, "INVALID_STATE")
                .get("message").asText()).contains("is cancelled");
    }

    @Test
    void onlyAnAttemptReadyForReviewCanBeApproved() {
        String attemptId = start(Json.obj("agent_profile_id", agent));

        assertThat(api.post("/api/v1/attempts/" + attemptId + "/approve", Json.obj("mode", "merge"))
                .expectError(409, "INVALID_STATE").get("message").asText()).containsPattern("is (queued|running)");
        api.post("/api/v1/attempts/" + attemptId + "/approve", Json.obj("mode", "squash")).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/attempts/" + attemptId + "/approve", null).expectError(400, "VALIDATION_FAILED");
        assertThat(attempt(attemptId, 0).get("status").asText()).isIn("queued", "running");
    }

    @Test
    void theCardShowsItsAttemptUnderWayThenHowItEnded() {
        String attemptId = start(Json.obj("agent_profile_id", agent));

        JsonNode queued = awaitBoard(projectId,
                b -> card(b, taskId).map(card -> card.get("attempt_count").asInt() == 1).orElse(false));
        assertThat(card(queued, taskId).orElseThrow().get("status").asText()).isIn("queued", "running");
        JsonNode detail = api.get("/api/v1/tasks/" + taskId).expect(200).data();
        assertThat(Json.texts(detail.get("attempts"), "attempt_id")).containsExactly(attemptId);
        assertThat(detail.get("version").asLong()).as("an attempt does not change the task's version").isZero();

        api.post("/api/v1/attempts/" + attemptId + "/cancel", null).expect(200);

        JsonNode ended = awaitBoard(projectId,
                b -> card(b, taskId).map(card -> "cancelled".equals(card.get("last_outcome").asText())).orElse(false));
        assertThat(card(ended, taskId).orElseThrow().get("status").asText()).isEqualTo("idle");
        assertThat(card(ended, taskId).orElseThrow().get("attempt_count").asInt()).isEqualTo(1);
        assertThat(allIds(board(projectId, "?status=idle"))).contains(taskId);
    }

    @Test
    void unknownAttemptsAreNotFound() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        api.get("/api/v1/attempts/" + unknown).expectError(404, "NOT_FOUND");
        api.post("/api/v1/attempts/" + unknown + "/cancel", null).expectError(404, "NOT_FOUND");
        api.post("/api/v1/attempts/" + unknown + "/approve", Json.obj("mode", "merge")).expectError(404, "NOT_FOUND");
    }

    @Test
    void everyStepIsInTheTimeline() {
        String attemptId = start(Json.obj("agent_profile_id", agent));
        api.post("/api/v1/attempts/" + attemptId + "/cancel", null).expect(200);
        attempt(attemptId, 1);

        List<JsonNode> items = awaitTimelineEvent(projectId, attemptId, 1);

        assertThat(Json.texts(items, "type")).contains("AttemptQueuedEvent", "AttemptCancelledEvent");
    }
}
