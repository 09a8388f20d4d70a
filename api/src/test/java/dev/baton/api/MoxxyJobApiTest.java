package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs started on the (fake) moxxy instance from tasks of a board. */
class MoxxyJobApiTest extends ApiTestBase {

    private FakeMoxxy moxxy;
    private String projectId;

    @BeforeEach
    void connected() {
        String token = "tok-" + UUID.randomUUID();
        moxxy = FakeMoxxy.withToken(token);
        moxxy.addAgent("default");
        long version = api.put("/api/v1/moxxy/connection", Json.obj("base_url", moxxy.baseUrl().toString(),
                "token", token, "token_kind", "internal")).expect(200).data().get("version").asLong();
        api.get("/api/v1/moxxy/connection?min_version=" + version).expect(200);
        projectId = createProject(uniqueName("Moxxy board"));
    }

    @AfterEach
    void stopFake() {
        moxxy.close();
    }

    private String task(String title, String description, List<String> criteria) {
        String taskId = createTask(projectId, Json.obj("title", title, "description", description,
                "acceptance_criteria", criteria));
        task(taskId, 0);
        return taskId;
    }

    @Test
    void aJobStartedFromThreeBacklogTasksCarriesThemInItsPromptAndLinksThem() {
        String login = task("Fix login bug", "Users are logged out", List.of("stays logged in"));
        String deps = task("Update deps", "", List.of());
        String docs = task("Write docs", "For the API", List.of("every endpoint", "examples"));

        JsonNode started = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs",
                Json.obj("task_ids", List.of(login, deps, docs), "max_parallelism", 2)).expect(201).data();
        String moxxyJobId = started.get("moxxy_job_id").asText();
        String prompt = moxxy.job(moxxyJobId).get("prompt").asText();
        assertThat(prompt).contains("1. Fix login bug", "Users are logged out", "- stays logged in", "2. Update deps",
                "3. Write docs", "- examples");

        JsonNode job = api.get("/api/v1/moxxy-jobs/" + started.get("job_id").asText() + "?min_version=0")
                .expect(200).data();
        assertThat(job.get("moxxy_job_id").asText()).isEqualTo(moxxyJobId);
        assertThat(job.get("agent").asText()).isEqualTo("default");
        assertThat(Json.texts(job.get("task_ids"), null)).containsExactly(login, deps, docs);
        assertThat(job.get("task_status").asText()).isEqualTo("queued");

        String jobId = started.get("job_id").asText();
        moxxy.startWorker(moxxyJobId, "default", "existing");
        JsonNode workers = api.get("/api/v1/moxxy-jobs/" + jobId + "/workers").expect(200).data().get("items");
        assertThat(workers).hasSize(1);
        assertThat(workers.get(0).get("worker_agent").asText()).isEqualTo("default");

        JsonNode first = api.get("/api/v1/moxxy-jobs/" + jobId + "/events?limit=1").expect(200).data();
        assertThat(first.get("items")).hasSize(1);
        JsonNode rest = api.get("/api/v1/moxxy-jobs/" + jobId + "/events?after=" + first.get("next").asText())
                .expect(200).data();
        assertThat(rest.get("items")).isNotEmpty();
        assertThat(rest.get("items").get(0).get("id").asLong())
                .isGreaterThan(first.get("items").get(0).get("id").asLong());
        assertThat(Json.texts(rest.get("items"), "event_type")).contains("worker_started");
    }

    @Test
    void badJobsAreRefusedBeforeMoxxyIsAskedAndMoxxysRefusalsSaySo() {
        String mine = task("Mine", "", List.of());
        String other = createTask(createProject(uniqueName("Other board")), Json.obj("title", "Theirs"));
        api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of(mine, other)))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of()))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of(mine),
                "worker_mode", "sometimes")).expectError(400, "VALIDATION_FAILED");
        assertThat(moxxy.received()).noneMatch(request -> request.uri().contains("/orchestrate/jobs"));

        moxxy.rejectNextJob("Missing required vault key 'OPENAI_API_KEY' for provider 'openai'");
        JsonNode refused = api.post("/api/v1/projects/" + projectId + "/moxxy-jobs", Json.obj("task_ids", List.of(mine)))
                .expectError(502, "UPSTREAM_ERROR");
        assertThat(refused.get("message").asText()).contains("orchestration failed");
        assertThat(refused.get("details").get("upstream_status").asInt()).isEqualTo(200);
        api.get("/api/v1/moxxy-jobs/" + UUID.randomUUID()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/moxxy-jobs/" + UUID.randomUUID() + "/events").expectError(404, "NOT_FOUND");
        api.get("/api/v1/moxxy-jobs/" + UUID.randomUUID() + "/workers").expectError(404, "NOT_FOUND");
    }
}
