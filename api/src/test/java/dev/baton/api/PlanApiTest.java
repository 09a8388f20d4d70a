package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.api.support.SamplePlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Plans through HTTP as a new user would: save versions, compile both modes, meet a cycle, confirm, archive. */
class PlanApiTest extends ApiTestBase {

    private String projectId;

    @BeforeEach
    void project() {
        projectId = createProject(uniqueName("Planned"));
    }

    private String savePlan(String body, int expectedVersion) {
        JsonNode saved = api.post("/api/v1/projects/" + projectId + "/plans", body).expect(201).data();
        assertThat(saved.get("version").asInt()).isEqualTo(expectedVersion);
        return saved.get("plan_id").asText();
    }

    private JsonNode compile(String planId, String mode) {
        return api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", mode)).expect(200).data();
    }

    private static Map<String, JsonNode> byKey(JsonNode tasks) {
        Map<String, JsonNode> byKey = new HashMap<>();
        tasks.forEach(task -> byKey.put(task.get("key").asText(), task));
        return byKey;
    }

    @Test
    void aPlanOfTwoModulesCompilesInBothModesInDependencyOrder() {
        String planId = savePlan(SamplePlan.body(), 1);

        JsonNode full = compile(planId, "full");
        List<String> order = Json.texts(full.get("tasks"), "key");
        assertThat(order).containsExactlyInAnyOrderElementsOf(SamplePlan.TASKS);
        SamplePlan.DEPENDENCIES.forEach((task, dependencies) -> dependencies.forEach(dependency ->
                assertThat(order.indexOf(dependency)).as(task + " after " + dependency).isLessThan(order.indexOf(task))));
        Map<String, JsonNode> tasks = byKey(full.get("tasks"));
        assertThat(Json.texts(tasks.get("s4").get("depends_on"), null)).containsExactlyInAnyOrder("s2", "a4");
        assertThat(Json.texts(tasks.get("a2").get("acceptance_criteria"), null))
                .contains("a2 works", "passwords are hashed");
        assertThat(tasks.get("a2").get("description").asText()).contains("Build a2", "Accounts");
        assertThat(full.get("plan_version").asInt()).isEqualTo(1);

        JsonNode again = compile(planId, "full");
        assertThat(again.get("graph_id").asText()).isEqualTo(full.get("graph_id").asText());
        assertThat(Json.texts(again.get("tasks"), "task_id")).isEqualTo(Json.texts(full.get("tasks"), "task_id"));

        JsonNode mvp = compile(planId, "mvp");
        assertThat(Json.texts(mvp.get("tasks"), "key")).containsExactly("a1", "a2", "s1");
        assertThat(mvp.get("graph_id").asText()).isNotEqualTo(full.get("graph_id").asText());
        assertThat(byKey(mvp.get("tasks")).get("s1").get("task_id").asText())
                .isEqualTo(tasks.get("s1").get("task_id").asText());

        JsonNode plan = api.get("/api/v1/plans/" + planId + "?version=1&min_version=" + mvp.get("version").asLong())
                .expect(200).data();
        assertThat(plan.get("status").asText()).isEqualTo("draft");
        assertThat(Json.texts(plan.get("graphs"), "mode")).containsExactly("full", "mvp");
        assertThat(plan.get("nodes")).hasSize(11);
        assertThat(plan.get("metadata").get("zoom").asDouble()).isEqualTo(1.5);
    }

    @Test
    void aCycleIsRefusedWithItsPathAndTheEarlierVersionStillCompiles() {
        String planId = savePlan(SamplePlan.body(), 1);
        savePlan(SamplePlan.body("a1", "s4"), 2);

        JsonNode error = api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "full"))
                .expectError(422, "CYCLE_DETECTED");
        List<String> cycle = Json.texts(error.get("details").get("cycle"), null);
        assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
        assertThat(cycle).contains("a1", "s4");
        for (int i = 0; i + 1 < cycle.size(); i++) { // each key depends on the next one
            List<String> dependencies = new ArrayList<>(SamplePlan.DEPENDENCIES.get(cycle.get(i)));
            if (cycle.get(i).equals("a1")) {
                dependencies.add("s4");
            }
            assertThat(dependencies).as(cycle.get(i) + " -> " + cycle.get(i + 1)).contains(cycle.get(i + 1));
        }
        assertThat(api.get("/api/v1/plans/" + planId + "?version=2").expect(200).data().get("graphs")).isEmpty();

        JsonNode first = api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "full", "version", 1))
                .expect(200).data();
        assertThat(first.get("tasks")).hasSize(8);
    }

    @Test
    void confirmingPutsTheTasksOnTheBoardWithTheirDependenciesOnce() {
        String planId = savePlan(SamplePlan.body(), 1);
        Map<String, JsonNode> tasks = byKey(compile(planId, "full").get("tasks"));

        JsonNode confirmed = api.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data();
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        String graphId = confirmed.get("graph_id").asText();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode graph = api.get("/api/v1/graphs/" + graphId).expect(200).data();
            assertThat(graph.get("confirmed").asBoolean()).isTrue();
            assertThat(graph.get("tasks")).hasSize(8);
            assertThat(graph.get("plan_version").asInt()).isEqualTo(1);
        });
        assertThat(confirmed.get("tasks_on_board").asInt()).isEqualTo(8);
        JsonNode s4 = api.get("/api/v1/tasks/" + tasks.get("s4").get("task_id").asText()).expect(200).data();
        assertThat(s4.get("title").asText()).isEqualTo("Task s4");
        assertThat(Json.texts(s4.get("depends_on"), null)).containsExactlyInAnyOrder(
                tasks.get("s2").get("task_id").asText(), tasks.get("a4").get("task_id").asText());
        assertThat(Json.texts(s4.get("labels"), null)).containsExactly("plan");

        api.post("/api/v1/plans/" + planId + "/confirm", Json.obj("graph_id", confirmed.get("graph_id").asText()))
                .expect(200);
        savePlan(SamplePlan.body(), 2);
        long last = api.post("/api/v1/plans/" + planId + "/confirm", "{}").expect(200).data().get("version").asLong();
        assertThat(allIds(board(projectId))).hasSize(8)
                .containsExactlyInAnyOrderElementsOf(tasks.values().stream().map(t -> t.get("task_id").asText()).toList());

        JsonNode first = api.get("/api/v1/plans/" + planId + "?version=1&min_version=" + last).expect(200).data();
        assertThat(first.get("status").asText()).isEqualTo("confirmed");
        assertThat(first.get("confirmed_graph_id").asText()).isEqualTo(confirmed.get("graph_id").asText());
        assertThat(first.get("latest_version").asInt()).isEqualTo(2);
        JsonNode latestPlan = project(projectId, 0).get("latest_plan");
        assertThat(latestPlan.get("version").asInt()).isEqualTo(2);
        assertThat(latestPlan.get("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void anArchivedVersionIsReadableButNotCompiledOrConfirmed() {
        String planId = savePlan(SamplePlan.body(), 1);
        long version = api.post("/api/v1/plans/" + planId + "/archive", Json.obj("version", 1)).expect(200).data()
                .get("version").asLong();
        assertThat(api.get("/api/v1/plans/" + planId + "?version=1&min_version=" + version).expect(200).data()
                .get("status").asText())
                .isEqualTo("archived");
        api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "full")).expectError(409, "INVALID_STATE");
        api.post("/api/v1/plans/" + planId + "/confirm", "{}").expectError(409, "INVALID_STATE");
    }

    @Test
    void badPlansAndUnknownIdsGetPreciseErrorsAndSaveNothing() {
        String unknown = UUID.randomUUID().toString();
        api.post("/api/v1/projects/" + unknown + "/plans", SamplePlan.body()).expectError(404, "NOT_FOUND");
        JsonNode badLayer = api.post("/api/v1/projects/" + projectId + "/plans", Json.obj("nodes",
                List.of(Json.map("key", "x", "layer", "epic", "title", "X")), "edges", List.of()))
                .expectError(400, "VALIDATION_FAILED");
        assertThat(badLayer.get("details").get("fields").toString()).contains("nodes.layer");
        api.post("/api/v1/projects/" + projectId + "/plans", Json.obj("nodes", List.of(), "edges", List.of()))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/projects/" + projectId + "/plans", "{\"nodes\": 3}").expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/projects/" + projectId + "/plans", "{nodes").expectError(400, "VALIDATION_FAILED");
        assertThat(project(projectId, 0).get("latest_plan").isNull()).isTrue();

        api.get("/api/v1/plans/" + unknown).expectError(404, "NOT_FOUND");
        api.post("/api/v1/plans/" + unknown + "/compile", Json.obj("mode", "full")).expectError(404, "NOT_FOUND");
        api.post("/api/v1/plans/" + unknown + "/confirm", "{}").expectError(404, "NOT_FOUND");

        String planId = savePlan(SamplePlan.body(), 1);
        api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "quick")).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/plans/" + planId + "/compile", Json.obj("mode", "full", "version", 7))
                .expectError(404, "NOT_FOUND");
        api.get("/api/v1/plans/" + planId + "?version=0").expectError(400, "VALIDATION_FAILED");
        api.get("/api/v1/plans/" + planId + "?version=40").expectError(404, "NOT_FOUND");
        api.get("/api/v1/plans/" + planId + "?min_version=-1").expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/plans/" + planId + "/confirm", Json.obj("graph_id", unknown)).expectError(400, "VALIDATION_FAILED");
        assertThat(board(projectId).get("columns").findValues("task_id")).isEmpty();
    }
}
