package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The task controls' endpoints: answers, refusals, and what the task and its card show afterwards. */
class TaskControlApiTest extends ApiTestBase {

    private String projectId;
    private String taskId;

    @BeforeEach
    void task() {
        projectId = createProject(uniqueName("Controls"));
        taskId = newTask(projectId, "Add login");
    }

    private String path(String control) {
        return "/api/v1/tasks/" + taskId + "/" + control;
    }

    private String status(long version) {
        assertThat(card(boardAfter(projectId, taskId, version), taskId).orElseThrow().get("status").asText())
                .as("the card's status").isEqualTo(task(taskId, version).get("status").asText());
        return task(taskId, version).get("status").asText();
    }

    @Test
    void aPausedTaskShowsPausedUntilItIsResumed() {
        JsonNode paused = api.post(path("pause"), null).expect(200).data();
        assertThat(paused.get("task_id").asText()).isEqualTo(taskId);
        assertThat(paused.get("version").asLong()).isEqualTo(1);
        assertThat(paused.get("status").asText()).isEqualTo("paused");
        assertThat(status(1)).isEqualTo("paused");

        JsonNode resumed = api.post(path("resume"), null).expect(200).data();
        assertThat(resumed.get("version").asLong()).isEqualTo(2);
        assertThat(resumed.has("status")).isFalse();
        assertThat(status(2)).isEqualTo("idle");
    }

    @Test
    void pausingTwiceOrResumingATaskThatIsNotPausedIsRefused() {
        api.post(path("resume"), null).expectError(409, "INVALID_STATE");
        api.post(path("pause"), null).expect(200);
        assertThat(api.post(path("pause"), null).expectError(409, "INVALID_STATE").get("message").asText())
                .contains("already paused");
    }

    @Test
    void noAttemptStartsWhilePaused() {
        String agent = sleepingAgent();
        api.post(path("pause"), null).expect(200);
        assertThat(api.post(path("attempts"), Json.obj("agent_profile_id", agent)).expectError(409, "INVALID_STATE")
                .get("message").asText()).contains("is paused: resume it first");

        api.post(path("resume"), null).expect(200);
        String attemptId = api.post(path("attempts"), Json.obj("agent_profile_id", agent)).expect(201).data()
                .get("attempt_id").asText();
        awaitAttempt(attemptId, "running");
    }

    @Test
    void aStoppedTaskShowsStoppedUntilItsNextAttempt() {
        api.post(path("pause"), null).expect(200);
        JsonNode stopped = api.post(path("stop"), null).expect(200).data();
        assertThat(stopped.get("version").asLong()).isEqualTo(2);
        assertThat(stopped.get("status").asText()).isEqualTo("stopped");
        assertThat(status(2)).as("a stop ends the pause").isEqualTo("stopped");
        api.post(path("resume"), null).expectError(409, "INVALID_STATE");
        api.post(path("stop"), null).expect(200);

        String attemptId = api.post(path("attempts"), Json.obj("agent_profile_id", sleepingAgent())).expect(201).data()
                .get("attempt_id").asText();
        awaitAttempt(attemptId, "running");
        awaitBoard(projectId, board -> card(board, taskId).orElseThrow().get("status").asText().equals("running"));
    }

    @Test
    void steeringsAreKeptInTheTasksContextInOrder() {
        long first = api.post(path("steer"), Json.obj("comment", "Use the existing session store")).expect(200).data()
                .get("version").asLong();
        long second = api.post(path("steer"), Json.obj("comment", "Keep it small", "prompt_patch",
                "Do not add dependencies.")).expect(200).data().get("version").asLong();
        assertThat(second).isEqualTo(first + 1);

        JsonNode task = task(taskId, second);
        List<JsonNode> steering = Json.list(task.get("steering"));
        assertThat(steering).hasSize(2);
        assertThat(steering.get(0).get("index").asInt()).isZero();
        assertThat(steering.get(0).get("comment").asText()).isEqualTo("Use the existing session store");
        assertThat(steering.get(0).get("prompt_patch").isNull()).isTrue();
        assertThat(steering.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(steering.get(1).get("prompt_patch").asText()).isEqualTo("Do not add dependencies.");
        assertThat(steering.get(1).get("created_at").asText()).endsWith("Z");
        assertThat(task.get("status").asText()).as("steering does not change the status").isEqualTo("idle");
    }

    @Test
    void aBadSteeringIsRefusedNamingTheField() {
        assertFields(api.post(path("steer"), "{}"), "comment");
        assertFields(api.post(path("steer"), Json.obj("comment", "   ")), "comment");
        assertFields(api.post(path("steer"), Json.obj("comment", "c".repeat(4_001))), "comment");
        assertFields(api.post(path("steer"), Json.obj("comment", "ok", "prompt_patch", "p".repeat(20_001))),
                "prompt_patch");
        assertFields(api.post(path("steer"), "{\"comment\": 42}"), "comment");
        assertFields(api.post(path("steer"), Json.obj("comment", "ok", "priority", 1)), "priority");
        api.post(path("steer"), null).expectError(400, "VALIDATION_FAILED");
        assertThat(task(taskId, 0).get("steering")).isEmpty();
    }

    private static void assertFields(dev.baton.api.support.Api.Response answer, String field) {
        assertThat(Json.texts(answer.expectError(400, "VALIDATION_FAILED").get("details").get("fields")))
                .containsExactly(field);
    }

    @Test
    void anUnknownTaskIsNotFound() {
        String unknown = "/api/v1/tasks/00000000-0000-4000-8000-000000000000/";
        for (String control : List.of("pause", "resume", "stop")) {
            api.post(unknown + control, null).expectError(404, "NOT_FOUND");
        }
        api.post(unknown + "steer", Json.obj("comment", "hello")).expectError(404, "NOT_FOUND");
    }

    @Test
    void theControlsOfAnArchivedProjectsTaskAreRefused() {
        api.delete("/api/v1/projects/" + projectId).expect(200);
        for (String control : List.of("pause", "resume", "stop")) {
            api.post(path(control), null).expectError(409, "INVALID_STATE");
        }
        api.post(path("steer"), Json.obj("comment", "hello")).expectError(409, "INVALID_STATE");
    }
}
