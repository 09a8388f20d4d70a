package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agent runs (an attempt's agent, started and read under the seed's names) and a task's artifacts. */
class AgentRunApiTest extends ApiTestBase {

    private String projectId;
    private String taskId;

    @BeforeEach
    void task() {
        projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("Agent runs"), "local_path",
                GitRepos.create().toString(), "commands", Map.of("test", "true"))).expect(201).data()
                .get("project_id").asText();
        taskId = newTask(projectId, "Run agents");
    }

    /** A new profile, once the read model shows it (an agent or model picks a profile from the read model). */
    private String profile(String adapter, String model, List<String> command) {
        String id = api.post("/api/v1/agents", Json.obj("name", uniqueName("Agent"), "adapter", adapter, "model", model,
                "command", command)).expect(201).data().get("agent_profile_id").asText();
        api.get("/api/v1/agents/" + id + "?min_version=0").expect(200);
        return id;
    }

    private String startRun(String body) {
        return api.post("/api/v1/tasks/" + taskId + "/agent-runs", body).expect(201).data().get("agent_run_id").asText();
    }

    private JsonNode awaitRun(String runId, String status) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            run[0] = api.get("/api/v1/agent-runs/" + runId + "?min_version=0").expect(200).data();
            return run[0].get("status").asText().equals(status);
        });
        return run[0];
    }

    @Test
    void anAgentRunIsAnAttemptAndTellsWhatTheAgentRanAndHowItEnded() {
        List<String> command = List.of("bash", "-c", "echo hello > hello.txt");
        String profileId = profile("command", "scripted", command);

        String runId = startRun(Json.obj("agent_profile_id", profileId));
        JsonNode run = awaitRun(runId, "succeeded");

        assertThat(run.get("agent_run_id").asText()).isEqualTo(runId);
        assertThat(run.get("attempt_id").asText()).isEqualTo(runId);
        assertThat(run.get("task_id").asText()).isEqualTo(taskId);
        assertThat(run.get("agent").asText()).isEqualTo("command");
        assertThat(run.get("model").asText()).isEqualTo("scripted");
        assertThat(Json.texts(run.get("command"))).isEqualTo(command);
        assertThat(run.get("exit_code").asInt()).isZero();
        assertThat(run.get("input_tokens").asLong()).isZero();
        assertThat(run.get("cost_usd").asDouble()).isZero();
        Instant started = Instant.parse(run.get("started_at").asText());
        Instant finished = Instant.parse(run.get("finished_at").asText());
        assertThat(finished).isAfterOrEqualTo(started.minusSeconds(1));
        assertThat(run.get("duration_ms").asLong()).isEqualTo(finished.toEpochMilli() - started.toEpochMilli());
        assertThat(api.get("/api/v1/attempts/" + runId).expect(200).data().get("agent_profile_id").asText())
                .isEqualTo(profileId);
    }

    @Test
    void anAgentAndModelPickTheFirstProfileWithThem() {
        String model = "model-" + UUID.randomUUID();
        String first = profile("command", model, List.of("bash", "-c", "exit 3"));
        profile("command", model, List.of("true"));

        String runId = startRun(Json.obj("agent", "command", "model", model));
        JsonNode run = awaitRun(runId, "failed");

        assertThat(api.get("/api/v1/attempts/" + runId).expect(200).data().get("agent_profile_id").asText())
                .isEqualTo(first);
        assertThat(run.get("exit_code").asInt()).isEqualTo(3);
        assertThat(run.get("finished_at").isNull()).isFalse();
    }

    @Test
    void aCliRunNamesTheProgramItsAdapterRuns() {
        String model = "model-" + UUID.randomUUID();
        profile("codex", model, null);
        String runId = startRun(Json.obj("model", model));
        JsonNode run = api.get("/api/v1/agent-runs/" + runId + "?min_version=0").expect(200).data();
        assertThat(run.get("agent").asText()).isEqualTo("codex");
        assertThat(Json.texts(run.get("command"))).containsExactly("codex");
    }

    @Test
    void unknownAgentsModelsTasksAndRunsAreRefused() {
        assertThat(Json.texts(api.post("/api/v1/tasks/" + taskId + "/agent-runs", Json.obj("agent", "nope"))
                .expectError(400, "VALIDATION_FAILED").get("details").get("fields"))).containsExactly("agent");
        assertThat(Json.texts(api.post("/api/v1/tasks/" + taskId + "/agent-runs", Json.obj("model",
                "model-" + UUID.randomUUID())).expectError(400, "VALIDATION_FAILED").get("details").get("fields")))
                .containsExactly("model");
        api.post("/api/v1/tasks/" + taskId + "/agent-runs", Json.obj("agent_profile_id", UUID.randomUUID().toString()))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/tasks/" + taskId + "/agent-runs", Json.obj("agent", "command", "colour", "red"))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/tasks/" + UUID.randomUUID() + "/agent-runs", Json.obj("agent_profile_id", sleepingAgent()))
                .expectError(404, "NOT_FOUND");
        api.get("/api/v1/agent-runs/" + UUID.randomUUID()).expectError(404, "NOT_FOUND");
    }

    @Test
    void aTasksArtifactsAreThoseOfAllItsAttemptsNewestFirst() {
        task(taskId, 0);
        assertThat(api.get("/api/v1/tasks/" + taskId + "/artifacts").expect(200).data().get("items")).isEmpty();
        String agent = profile("command", null, List.of("bash", "-c", "echo hello > hello.txt"));
        String older = startRun(Json.obj("agent_profile_id", agent));
        awaitAttempt(older, "review_ready");
        String newer = startRun(Json.obj("agent_profile_id", agent));
        awaitAttempt(newer, "review_ready");

        List<JsonNode> items = Json.list(api.get("/api/v1/tasks/" + taskId + "/artifacts").expect(200).data()
                .get("items"));
        List<String> attempts = Json.texts(items, "attempt_id");
        assertThat(attempts).containsOnly(older, newer);
        assertThat(attempts.lastIndexOf(newer)).isLessThan(attempts.indexOf(older));
        List<JsonNode> ofNewer = items.stream().filter(i -> i.get("attempt_id").asText().equals(newer)).toList();
        assertThat(Json.texts(ofNewer, "name")).contains("agent-stdout", "gate-test", "diff");
        assertThat(Json.texts(ofNewer, "artifact_id")).contains(newer + ".diff");

        api.get("/api/v1/tasks/" + UUID.randomUUID() + "/artifacts").expectError(404, "NOT_FOUND");
    }
}
