package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.api.support.SamplePlan;
import dev.baton.api.support.SampleRun;
import dev.baton.api.support.SseClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orchestration runs for real, as a new user would try them: the sample plan (two modules, eight tasks, dependencies
 * across modules) is confirmed and run by a `command` agent that writes one file per task, listing the task files it
 * found when it started; merges land on the repository's main branch.
 */
class RunApiTest extends ApiTestBase {

    private static final Duration RUN_WAIT = Duration.ofSeconds(90);

    private Path repo;
    private String projectId;
    private Map<String, String> taskIds;
    private String graphId;

    @BeforeEach
    void confirmedPlan() {
        repo = GitRepos.create();
        projectId = api.post("/api/v1/projects", Json.obj("name", uniqueName("Orchestrated"), "local_path",
                repo.toString(), "bot_identity", Map.of("name", "Baton Bot", "email", "bot@baton.test")))
                .expect(201).data().get("project_id").asText();
        String planId = api.post("/api/v1/projects/" + projectId + "/plans", SamplePlan.body()).expect(201).data()
                .get("plan_id").asText();
        JsonNode confirmed = api.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data();
        assertThat(confirmed.get("tasks_on_board").asInt()).isEqualTo(8);
        graphId = confirmed.get("graph_id").asText();
        taskIds = new HashMap<>();
        confirmed.get("tasks").forEach(task -> taskIds.put(task.get("key").asText(), task.get("task_id").asText()));
    }

    private String agent(String failingKey) {
        return api.post("/api/v1/agents", Json.obj("name", uniqueName("Builder"), "adapter", "command",
                        "command", List.of("bash", "-c", SampleRun.AGENT_SCRIPT),
                        "env", failingKey == null ? Map.of() : Map.of("FAIL", failingKey)))
                .expect(201).data().get("agent_profile_id").asText();
    }

    private String startRun(String agent, int maxAgents, String failurePolicy, Integer retryLimit) {
        Map<String, Object> body = Json.map("max_agents", maxAgents, "target_branch", "main", "agent_profile_id", agent,
                "merge_policy", "auto_on_gates_pass", "failure_policy", failurePolicy);
        if (retryLimit != null) {
            body.put("retry_limit", retryLimit);
        }
        JsonNode started = api.post("/api/v1/graphs/" + graphId + "/run", Json.write(body)).expect(201).data();
        assertThat(started.get("status").asText()).isEqualTo("running");
        return projected(started.get("run_id").asText());
    }

    /** The run id, once its read model shows it (runs are read from projections). */
    private String projected(String runId) {
        await().atMost(WAIT).until(() -> api.get("/api/v1/runs/" + runId).status() == 200);
        return runId;
    }

    private JsonNode awaitRun(String runId, String... statuses) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(RUN_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            run[0] = api.get("/api/v1/runs/" + runId).expect(200).data();
            return Set.of(statuses).contains(run[0].get("status").asText());
        });
        return run[0];
    }

    private Map<String, JsonNode> diagram(String runId) {
        Map<String, JsonNode> nodes = new HashMap<>();
        api.get("/api/v1/runs/" + runId + "/diagram").expect(200).data().get("nodes")
                .forEach(node -> nodes.put(node.get("key").asText(), node));
        return nodes;
    }

    private String onMain(String file) throws IOException {
        return SampleRun.onMain(repo, file);
    }

    private List<String> attemptHistory() {
        return SampleRun.attemptHistory(api, projectId, taskIds);
    }

    @Test
    void aRunStartsEachTaskAfterItsDependenciesAreMergedWithinMaxAgentsAndCompletes() throws IOException {
        String runId = startRun(agent(null), 3, "fail_fast", null);
        try (SseClient events = SseClient.open(base(), "/api/v1/runs/" + runId + "/events?after=0")) {
            JsonNode run = awaitRun(runId, "completed", "failed", "cancelled");
            assertThat(run.get("status").asText()).isEqualTo("completed");
            assertThat(run.get("counts").get("done").asInt()).isEqualTo(8);
            assertThat(run.get("progress").get("percent").asInt()).isEqualTo(100);
            assertThat(run.get("running_agents")).isEmpty();
            assertThat(run.get("elapsed_ms").asLong()).isPositive();
            assertThat(Json.texts(api.get("/api/v1/projects/" + projectId + "/runs").expect(200).data().get("items"),
                    "run_id")).containsExactly(runId);

            List<String> history = SampleRun.mergedHistory(api, projectId, taskIds);
            assertThat(SampleRun.peakConcurrency(history)).isBetween(2, 3);
            SamplePlan.DEPENDENCIES.forEach((task, dependencies) -> dependencies.forEach(dependency -> {
                assertThat(history).contains("AttemptMergedEvent " + dependency);
                assertThat(history.indexOf("AttemptRunStartedEvent " + task))
                        .as(task + " starts after " + dependency + " is merged")
                        .isGreaterThan(history.indexOf("AttemptMergedEvent " + dependency));
            }));
            for (String task : SamplePlan.TASKS) {
                String found = onMain("task-" + task + ".txt");
                assertThat(found).as("task %s's commit on main", task).isNotNull();
                for (String dependency : SamplePlan.DEPENDENCIES.get(task)) {
                    assertThat(found).as("%s started from a base with %s", task, dependency)
                            .contains("task-" + dependency + ".txt");
                }
            }
            assertThat(diagram(runId).values()).allMatch(node -> node.get("status").asText().equals("done"));
            assertThat(api.get("/api/v1/runs/" + runId + "/diagram").expect(200).data().get("edges")).hasSize(9);

            List<SseClient.Message> stream = events.until(message -> message.json().path("type").asText().equals("run")
                    && message.json().get("status").asText().equals("completed"), Duration.ofSeconds(10));
            List<String> a2 = stream.stream().map(SseClient.Message::json)
                    .filter(item -> item.get("type").asText().equals("node")
                            && item.get("task_id").asText().equals(taskIds.get("a2")))
                    .map(item -> item.get("status").asText()).distinct().toList();
            assertThat(a2).containsSubsequence("running", "review", "done");
            assertThat(stream).anyMatch(message -> message.json().get("type").asText().equals("attempt"));
            assertThat(stream).anyMatch(message -> message.json().get("type").asText().equals("log")
                    && message.json().get("message").has("seq"));
        }
    }

    @Test
    void failFastCancelsTheRestWhenATaskFails() {
        String runId = startRun(agent("a3"), 3, "fail_fast", null);
        JsonNode run = awaitRun(runId, "completed", "failed", "cancelled");
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("reason").asText()).contains("task a3 failed");
        Map<String, JsonNode> nodes = diagram(runId);
        assertThat(nodes.get("a3").get("status").asText()).isEqualTo("failed");
        assertThat(nodes.get("a4").get("status").asText()).isEqualTo("pending");
        assertThat(nodes.values()).noneMatch(node -> Set.of("running", "review").contains(node.get("status").asText()));
        List<String> history = attemptHistory();
        assertThat(history).doesNotContain("AttemptQueuedEvent a4", "AttemptQueuedEvent s4");
    }

    @Test
    void bestEffortCompletesEverythingThatDoesNotDependOnTheFailedTask() throws IOException {
        String runId = startRun(agent("a3"), 3, "best_effort", null);
        JsonNode run = awaitRun(runId, "completed", "failed", "cancelled");
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("reason").asText()).isEqualTo("1 failed, 2 blocked of 8 tasks");
        Map<String, JsonNode> nodes = diagram(runId);
        for (String done : List.of("a1", "a2", "s1", "s2", "s3")) {
            assertThat(nodes.get(done).get("status").asText()).as(done).isEqualTo("done");
            assertThat(onMain("task-" + done + ".txt")).isNotNull();
        }
        assertThat(nodes.get("a4").get("status").asText()).isEqualTo("blocked");
        assertThat(nodes.get("a4").get("blocked_by").asText()).isEqualTo(taskIds.get("a3"));
        assertThat(nodes.get("s4").get("status").asText()).isEqualTo("blocked");
        assertThat(onMain("task-a4.txt")).isNull();
    }

    @Test
    void retryStartsTwoMoreAttemptsWithTheFailureInTheirPrompt() {
        String runId = startRun(agent("a3"), 3, "retry", 2);
        awaitRun(runId, "completed", "failed", "cancelled");
        JsonNode attempts = api.get("/api/v1/tasks/" + taskIds.get("a3") + "/attempts").expect(200).data().get("items");
        assertThat(attempts).hasSize(3);
        List<JsonNode> newestFirst = Json.list(attempts);
        assertThat(newestFirst.get(0).get("prompt").asText()).contains("A previous attempt at this task failed");
        assertThat(newestFirst.get(2).get("prompt").isNull()).isTrue();
        assertThat(diagram(runId).get("a3").get("attempts").asInt()).isEqualTo(3);
        assertThat(diagram(runId).get("a3").get("status").asText()).isEqualTo("failed");
    }

    @Test
    void aPausedRunStartsAndMergesNothingUntilResumedAndACancelledOneStops() {
        String runId = startRun(agent(null), 1, "fail_fast", null);
        api.post("/api/v1/runs/" + runId + "/pause", "").expect(200);
        await().atMost(WAIT).until(() -> diagram(runId).get("a1").get("status").asText().equals("review"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> {
            Map<String, JsonNode> nodes = diagram(runId);
            return nodes.get("a1").get("status").asText().equals("review")
                    && nodes.get("a2").get("status").asText().equals("pending");
        });
        api.post("/api/v1/runs/" + runId + "/pause", "").expectError(409, "INVALID_STATE");
        api.post("/api/v1/runs/" + runId + "/resume", "").expect(200);
        await().atMost(WAIT).until(() -> diagram(runId).get("a2").get("status").asText().equals("running"));
        api.post("/api/v1/runs/" + runId + "/cancel", "").expect(200);
        JsonNode run = awaitRun(runId, "cancelled");
        assertThat(run.get("finished_at").isNull()).isFalse();
        await().atMost(WAIT).until(() -> diagram(runId).get("a2").get("status").asText().equals("stopped"));
        JsonNode a2Attempts = api.get("/api/v1/tasks/" + taskIds.get("a2") + "/attempts").expect(200).data()
                .get("items");
        String a2Attempt = a2Attempts.get(0).get("attempt_id").asText();
        awaitAttempt(a2Attempt, "cancelled");
        api.post("/api/v1/runs/" + runId + "/resume", "").expectError(409, "INVALID_STATE");
        api.post("/api/v1/runs/" + runId + "/cancel", "").expectError(409, "INVALID_STATE");
    }

    @Test
    void badRunsGetPreciseErrorsAndStartNothing() {
        String agent = agent(null);
        String unknown = "00000000-0000-4000-8000-000000000000";
        api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 0, "agent_profile_id", agent))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 65, "agent_profile_id", agent))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 2, "agent_profile_id", agent,
                "merge_policy", "yolo")).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 2, "agent_profile_id", agent,
                "failure_policy", "best_effort", "retry_limit", 2)).expectError(400, "VALIDATION_FAILED");
        JsonNode branch = api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 2, "agent_profile_id",
                agent, "target_branch", "nowhere")).expectError(400, "VALIDATION_FAILED");
        assertThat(branch.get("message").asText()).contains("nowhere");
        api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 2)).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/graphs/" + graphId + "/run", Json.obj("max_agents", 2, "agent_profile_id", unknown))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/graphs/" + graphId + "/run", "{\"max_agents\": \"many\"}").expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/graphs/" + unknown + "/run", Json.obj("max_agents", 2)).expectError(404, "NOT_FOUND");
        assertThat(api.get("/api/v1/projects/" + projectId + "/runs").expect(200).data().get("items")).isEmpty();

        api.get("/api/v1/runs/" + unknown).expectError(404, "NOT_FOUND");
        api.get("/api/v1/runs/" + unknown + "/diagram").expectError(404, "NOT_FOUND");
        api.get("/api/v1/runs/" + unknown + "/events").expectError(404, "NOT_FOUND");
        api.post("/api/v1/runs/" + unknown + "/pause", "").expectError(404, "NOT_FOUND");
        api.get("/api/v1/graphs/" + unknown).expectError(404, "NOT_FOUND");
        api.post("/api/v1/tasks/" + taskIds.get("a1") + "/promote", Json.obj("attempt_id", unknown))
                .expectError(404, "NOT_FOUND");
        api.post("/api/v1/tasks/" + unknown + "/promote", Json.obj("attempt_id", unknown)).expectError(404, "NOT_FOUND");
    }

    @Test
    void anUnconfirmedGraphDoesNotRun() {
        String otherProject = createProject(uniqueName("Unconfirmed"));
        String planId = api.post("/api/v1/projects/" + otherProject + "/plans", SamplePlan.body()).expect(201).data()
                .get("plan_id").asText();
        String graph = api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "mvp")).expect(200).data()
                .get("graph_id").asText();
        api.post("/api/v1/graphs/" + graph + "/run", Json.obj("max_agents", 2, "agent_profile_id", agent(null)))
                .expectError(409, "INVALID_STATE");
    }

    @Test
    void aPausedTaskOfARunWaitsWhileTheOthersGoOnAndStartsWhenResumed() {
        String runId = startRun(agent(null), 3, "fail_fast", null);
        api.post("/api/v1/tasks/" + taskIds.get("a2") + "/pause", null).expect(200);
        await().atMost(WAIT).until(() -> diagram(runId).get("a2").get("status").asText().equals("paused"));
        await().atMost(RUN_WAIT).until(() -> diagram(runId).get("a3").get("status").asText().equals("done"));
        Map<String, JsonNode> nodes = diagram(runId);
        assertThat(nodes.get("a2").get("status").asText()).isEqualTo("paused");
        assertThat(nodes.get("a2").get("attempt_id").isNull()).isTrue();
        assertThat(api.get("/api/v1/runs/" + runId).expect(200).data().get("counts").get("paused").asInt())
                .isEqualTo(1);

        api.post("/api/v1/tasks/" + taskIds.get("a2") + "/resume", null).expect(200);
        assertThat(awaitRun(runId, "completed", "failed", "cancelled").get("status").asText()).isEqualTo("completed");
    }

    @Test
    void withManualMergesAttemptsWaitForApprovalAndAPromotedAttemptIsTheOneMerged() {
        String agent = agent(null);
        Map<String, Object> body = Json.map("max_agents", 1, "target_branch", "main", "agent_profile_id", agent,
                "merge_policy", "manual", "failure_policy", "fail_fast");
        String runId = projected(api.post("/api/v1/graphs/" + graphId + "/run", Json.write(body)).expect(201).data()
                .get("run_id").asText());
        await().atMost(WAIT).until(() -> diagram(runId).get("a1").get("status").asText().equals("review"));
        String first = diagram(runId).get("a1").get("attempt_id").asText();
        awaitAttempt(first, "review_ready");
        String second = api.post("/api/v1/tasks/" + taskIds.get("a1") + "/attempts", Json.obj("agent_profile_id", agent))
                .expect(201).data().get("attempt_id").asText();
        awaitAttempt(second, "review_ready");
        assertThat(diagram(runId).get("a2").get("status").asText()).as("nothing merged, nothing follows")
                .isEqualTo("pending");

        JsonNode promoted = api.post("/api/v1/tasks/" + taskIds.get("a1") + "/promote", Json.obj("attempt_id", second))
                .expect(200).data();
        assertThat(promoted.get("run_id").asText()).isEqualTo(runId);
        awaitAttempt(second, "merged");
        await().atMost(WAIT).until(() -> diagram(runId).get("a1").get("status").asText().equals("done"));
        assertThat(diagram(runId).get("a1").get("attempt_id").asText()).isEqualTo(second);
        assertThat(api.get("/api/v1/attempts/" + first).expect(200).data().get("status").asText())
                .isEqualTo("review_ready");

        await().atMost(WAIT).until(() -> diagram(runId).get("a2").get("status").asText().equals("review"));
        String a2 = diagram(runId).get("a2").get("attempt_id").asText();
        awaitAttempt(a2, "review_ready");
        api.post("/api/v1/attempts/" + a2 + "/approve", Json.obj("mode", "merge")).expect(200);
        await().atMost(WAIT).until(() -> diagram(runId).get("a2").get("status").asText().equals("done"));
        api.post("/api/v1/tasks/" + taskIds.get("a2") + "/promote", Json.obj("attempt_id", a2))
                .expectError(409, "INVALID_STATE");
        api.post("/api/v1/tasks/" + taskIds.get("a2") + "/promote", Json.obj("attempt_id", first))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/runs/" + runId + "/cancel", "").expect(200);
    }

    @Test
    void aMergeConflictSendsTheTaskBackForAnAttemptOnTheNewBase() throws IOException {
        String otherProject = api.post("/api/v1/projects", Json.obj("name", uniqueName("Conflicts"), "local_path",
                repo.toString(), "default_branch", "main")).expect(201).data().get("project_id").asText();
        String plan = Json.write(Json.map("nodes", List.of(
                Json.map("key", "x", "layer", "task", "title", "Task x"),
                Json.map("key", "y", "layer", "task", "title", "Task y"),
                Json.map("key", "z", "layer", "task", "title", "Task z")), "edges", List.of(
                Json.map("from", "y", "to", "x", "kind", "depends_on"),
                Json.map("from", "z", "to", "x", "kind", "depends_on"))));
        String planId = api.post("/api/v1/projects/" + otherProject + "/plans", plan).expect(201).data()
                .get("plan_id").asText();
        String graph = api.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data().get("graph_id").asText();
        // every task appends its key to one file: y and z start from the same base, so the second merge conflicts
        String agent = api.post("/api/v1/agents", Json.obj("name", uniqueName("Appender"), "adapter", "command",
                "command", List.of("bash", "-c", "key=$(printf '%s' \"$BATON_PROMPT\" | sed -n"
                        + " 's/^# Task: Task \\([a-z]\\).*/\\1/p' | head -1); echo $key >> shared.txt; sleep 0.5")))
                .expect(201).data().get("agent_profile_id").asText();
        String runId = projected(api.post("/api/v1/graphs/" + graph + "/run", Json.obj("max_agents", 2,
                "agent_profile_id", agent, "merge_policy", "auto_on_gates_pass")).expect(201).data().get("run_id").asText());

        JsonNode run = awaitRun(runId, "completed", "failed", "cancelled");
        assertThat(run.get("status").asText()).isEqualTo("completed");
        Map<String, JsonNode> nodes = diagram(runId);
        assertThat(nodes.get("y").get("attempts").asInt() + nodes.get("z").get("attempts").asInt()).isEqualTo(3);
        String redone = nodes.get("y").get("attempts").asInt() == 2 ? "y" : "z";
        String firstAttempt = Json.list(api.get("/api/v1/tasks/" + nodes.get(redone).get("task_id").asText()
                + "/attempts").expect(200).data().get("items")).get(1).get("attempt_id").asText();
        JsonNode conflicted = api.get("/api/v1/attempts/" + firstAttempt).expect(200).data();
        assertThat(conflicted.get("merge").get("conflict").get("files").toString()).contains("shared.txt");
        assertThat(onMain("shared.txt").lines().toList()).containsExactlyInAnyOrder("x", "y", "z");
    }
}
