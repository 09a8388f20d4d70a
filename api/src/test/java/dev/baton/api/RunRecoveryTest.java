package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.api.support.ServerProcessTest;
import dev.baton.api.support.SamplePlan;
import dev.baton.api.support.SampleRun;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run survives a SIGKILL of its server: the next server on the same data folder carries on scheduling from the
 * run's history, starts no task twice (every agent process is counted in a file outside the server) and never has
 * more than max_agents at work.
 */
class RunRecoveryTest extends ServerProcessTest {

    @Test
    void afterKillMinus9TheRunCarriesOnWithoutStartingATaskTwice() throws Exception {
        Api api = servers.start();
        Path repo = GitRepos.create();
        Path starts = markers.resolve("starts");
        String projectId = api.post("/api/v1/projects", Json.obj("name", "Run recovery", "local_path", repo.toString()))
                .expect(201).data().get("project_id").asText();
        String planId = api.post("/api/v1/projects/" + projectId + "/plans", SamplePlan.body()).expect(201).data()
                .get("plan_id").asText();
        JsonNode confirmed = api.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data();
        Map<String, String> taskIds = new HashMap<>();
        confirmed.get("tasks").forEach(task -> taskIds.put(task.get("key").asText(), task.get("task_id").asText()));
        String agent = api.post("/api/v1/agents", Json.obj("name", "builder", "adapter", "command",
                "command", List.of("bash", "-c", SampleRun.AGENT_SCRIPT),
                "env", Map.of("STARTS", starts.toString(), "PAUSE", "1.5"))).expect(201).data()
                .get("agent_profile_id").asText();
        String runId = api.post("/api/v1/graphs/" + confirmed.get("graph_id").asText() + "/run", Json.obj(
                "max_agents", 2, "target_branch", "main", "agent_profile_id", agent,
                "merge_policy", "auto_on_gates_pass", "failure_policy", "fail_fast")).expect(201).data()
                .get("run_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Api.Response answer = api.get("/api/v1/runs/" + runId);
            JsonNode counts = answer.status() == 200 ? answer.data().get("counts") : null;
            return counts != null && counts.get("done").asInt() >= 2 && counts.get("running").asInt() >= 1;
        });

        servers.killLast();
        Api restarted = servers.start();
        JsonNode run = awaitRun(restarted, runId);

        if (!run.get("status").asText().equals("completed")) {
            throw new AssertionError("the run ended " + run + "\n" + restarted.get("/api/v1/runs/" + runId
                    + "/diagram").text() + servers.logs());
        }
        assertThat(Files.readAllLines(starts)).as("each task's agent started once").hasSize(8)
                .containsExactlyInAnyOrderElementsOf(SamplePlan.TASKS);
        for (String task : SamplePlan.TASKS) {
            assertThat(restarted.get("/api/v1/tasks/" + taskIds.get(task) + "/attempts").expect(200).data()
                    .get("items")).as("attempts of %s", task).hasSize(1);
            assertThat(SampleRun.onMain(repo, "task-" + task + ".txt")).as("task %s on main", task).isNotNull();
        }
        assertThat(SampleRun.peakConcurrency(SampleRun.mergedHistory(restarted, projectId, taskIds)))
                .isLessThanOrEqualTo(2);
    }

    private JsonNode awaitRun(Api api, String runId) throws Exception {
        JsonNode[] run = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                run[0] = api.get("/api/v1/runs/" + runId).expect(200).data();
                return !List.of("running", "paused").contains(run[0].get("status").asText());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("run " + runId + " did not end; last answer: " + run[0] + servers.logs(), e);
        }
        return run[0];
    }
}
