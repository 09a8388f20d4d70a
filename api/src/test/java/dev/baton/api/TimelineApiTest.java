package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TimelineApiTest extends ApiTestBase {

    private static final String TIMELINE = "/api/v1/timeline";

    /** What alice did in one project: every kind of board command, in this order. */
    private record Scenario(String projectId, String taskId, String otherTaskId, List<String> types) {
    }

    /** Made once per JVM and only read afterwards, so that every test reads the same history. */
    private static Scenario scenario;

    private Scenario aliceWorks() {
        if (scenario == null) {
            scenario = record(new Api(base()).header("X-Baton-User", "alice"));
        }
        return scenario;
    }

    private Scenario record(Api alice) {
        String projectId = alice.post("/api/v1/projects", Json.obj("name", uniqueName("Timeline"),
                "local_path", GitRepos.create().toString())).expect(201).data().get("project_id").asText();
        alice.patch("/api/v1/projects/" + projectId, Json.obj("vision", "a clear one")).expect(200);
        String taskId = alice.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Tracked",
                "acceptance_criteria", List.of("done right"))).expect(201).data().get("task_id").asText();
        String other = alice.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Other"))
                .expect(201).data().get("task_id").asText();
        alice.patch("/api/v1/tasks/" + taskId, Json.obj("labels", List.of("audited"))).expect(200);
        alice.post("/api/v1/tasks/" + taskId + "/move", Json.obj("column", "todo")).expect(200);
        alice.post("/api/v1/tasks/" + taskId + "/checklist/0", Json.obj("done", true)).expect(200);
        alice.patch("/api/v1/tasks/" + taskId, Json.obj("depends_on", List.of(other))).expect(200);
        alice.post("/api/v1/projects/" + projectId + "/validate", null).expect(200);
        alice.delete("/api/v1/tasks/" + other).expect(200);
        alice.delete("/api/v1/projects/" + projectId).expect(200);
        List<String> types = List.of("ProjectCreatedEvent", "ProjectUpdatedEvent", "TaskCreatedEvent",
                "TaskCreatedEvent", "TaskDetailsEditedEvent", "TaskMovedEvent", "ChecklistItemMarkedEvent",
                "TaskDependenciesChangedEvent", "ProjectValidatedEvent", "TaskDeletedEvent", "ProjectArchivedEvent");
        awaitTimeline(projectId, types.size());
        return new Scenario(projectId, taskId, other, types);
    }

    private static long position(JsonNode item) {
        return item.get("position").asLong();
    }

    private static List<Long> positions(List<JsonNode> items) {
        return items.stream().map(TimelineApiTest::position).toList();
    }

    private static void assertSnakeCase(JsonNode node, String where) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertThat(field.getKey()).as("field of %s", where).matches("[a-z][a-z0-9_]*");
                assertSnakeCase(field.getValue(), where);
            }
        } else if (node.isArray()) {
            node.forEach(item -> assertSnakeCase(item, where));
        }
    }

    @Test
    void everyCommandAppearsInStoreOrder() {
        Scenario scenario = aliceWorks();

        List<JsonNode> items = awaitTimeline(scenario.projectId(), scenario.types().size());

        assertThat(Json.texts(items, "type")).containsExactlyElementsOf(scenario.types());
        assertThat(positions(items)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void everyItemHasTheContractFields() {
        Scenario scenario = aliceWorks();

        List<JsonNode> items = awaitTimeline(scenario.projectId(), scenario.types().size());

        Map<String, Long> nextSequence = new HashMap<>();
        Instant previous = Instant.EPOCH;
        for (JsonNode item : items) {
            String type = item.get("type").asText();
            String aggregateId = item.get("aggregate_id").asText();
            assertThat(UUID.fromString(item.get("event_id").asText())).isNotNull();
            assertThat(item.get("aggregate_type").asText()).isEqualTo(type.startsWith("Task") || type.startsWith("Checklist")
                    ? "Task" : "Project");
            assertThat(aggregateId).isIn(scenario.projectId(), scenario.taskId(), scenario.otherTaskId());
            long expected = nextSequence.merge(aggregateId, 0L, (a, b) -> a + 1);
            assertThat(item.get("sequence").asLong()).as("sequence of %s", type).isEqualTo(expected);
            Instant timestamp = Instant.parse(item.get("timestamp").asText());
            assertThat(timestamp).isAfterOrEqualTo(previous);
            previous = timestamp;
            assertThat(item.get("payload").isObject()).isTrue();
            assertSnakeCase(item.get("payload"), type);
            JsonNode metadata = item.get("metadata");
            assertThat(metadata.get("user").asText()).isEqualTo("alice");
            assertThat(metadata.get("correlation_id").asText()).isNotBlank();
            assertThat(metadata.get("causation_id").asText()).isNotBlank();
        }
    }

    @Test
    void aMovePayloadNamesBothColumnsInSnakeCase() {
        Scenario scenario = aliceWorks();

        JsonNode move = awaitTimeline(scenario.projectId(), scenario.types().size()).stream()
                .filter(item -> item.get("type").asText().equals("TaskMovedEvent")).findFirst().orElseThrow();

        assertThat(move.get("aggregate_type").asText()).isEqualTo("Task");
        assertThat(move.get("aggregate_id").asText()).isEqualTo(scenario.taskId());
        JsonNode payload = move.get("payload");
        assertThat(payload.get("task_id").asText()).isEqualTo(scenario.taskId());
        assertThat(payload.get("project_id").asText()).isEqualTo(scenario.projectId());
        assertThat(payload.get("from_column").asText()).isEqualTo("backlog");
        assertThat(payload.get("to_column").asText()).isEqualTo("todo");
        assertThat(payload.get("rank").asText()).isNotBlank();
    }

    @Test
    void theRequestIdIsTheCorrelationIdOfItsEvents() {
        String projectId = createProject(uniqueName("Correlated"));
        String requestId = "req-" + UUID.randomUUID();
        Api traced = new Api(base()).header("X-Request-Id", requestId);

        String taskId = traced.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "traced")).expect(201)
                .data().get("task_id").asText();

        JsonNode created = awaitTimelineEvent(projectId, taskId, 0).stream()
                .filter(item -> item.get("aggregate_id").asText().equals(taskId)).findFirst().orElseThrow();
        assertThat(created.get("metadata").get("correlation_id").asText()).isEqualTo(requestId);
    }

    @Test
    void filtersNarrowTheTimeline() {
        Scenario scenario = aliceWorks();
        awaitTimeline(scenario.projectId(), scenario.types().size());
        String project = "project_id=" + scenario.projectId();

        assertThat(Json.texts(timeline("aggregate_id=" + scenario.taskId()), "type")).containsExactly("TaskCreatedEvent",
                "TaskDetailsEditedEvent", "TaskMovedEvent", "ChecklistItemMarkedEvent", "TaskDependenciesChangedEvent");
        assertThat(Json.texts(timeline(project + "&aggregate_type=Project"), "type")).containsExactly("ProjectCreatedEvent",
                "ProjectUpdatedEvent", "ProjectValidatedEvent", "ProjectArchivedEvent");
        assertThat(Json.texts(timeline(project + "&type=TaskCreatedEvent"), "aggregate_id"))
                .containsExactly(scenario.taskId(), scenario.otherTaskId());
        assertThat(timeline(project + "&user=alice")).hasSize(scenario.types().size());
        assertThat(timeline(project + "&user=bob")).isEmpty();
    }

    @Test
    void theUserFilterSeparatesWhoDidWhat() {
        String projectId = createProject(uniqueName("Two users"));
        String byAlice = createTaskAs("alice", projectId, "alice's");
        String byBob = createTaskAs("bob", projectId, "bob's");
        awaitTimeline(projectId, 3);

        assertThat(Json.texts(timeline("project_id=" + projectId + "&user=alice"), "aggregate_id")).containsExactly(byAlice);
        assertThat(Json.texts(timeline("project_id=" + projectId + "&user=bob"), "aggregate_id")).containsExactly(byBob);
    }

    private String createTaskAs(String user, String projectId, String title) {
        return new Api(base()).header("X-Baton-User", user).post("/api/v1/projects/" + projectId + "/tasks",
                Json.obj("title", title)).expect(201).data().get("task_id").asText();
    }

    @Test
    void afterAndBeforeTakePositions() {
        Scenario scenario = aliceWorks();
        List<JsonNode> all = awaitTimeline(scenario.projectId(), scenario.types().size());

        List<JsonNode> between = timeline("project_id=" + scenario.projectId() + "&after=" + position(all.get(1))
                + "&before=" + position(all.get(5)));

        assertThat(positions(between)).containsExactlyElementsOf(positions(all.subList(2, 5)));
    }

    @Test
    void afterAndBeforeTakeTimes() {
        String projectId = createProject(uniqueName("Times"));
        String taskId = newTask(projectId, "timed");
        task(taskId, 0);
        Instant from = distinctMoment();
        moveTo(taskId, "todo");
        moveTo(taskId, "review");
        Instant until = distinctMoment();
        long last = moveTo(taskId, "done");
        awaitTimelineEvent(projectId, taskId, last);

        List<JsonNode> between = timeline("project_id=" + projectId + "&after=" + from + "&before=" + until);

        assertThat(Json.texts(between, "type")).containsExactly("TaskMovedEvent", "TaskMovedEvent");
        assertThat(between.stream().map(item -> item.get("payload").get("to_column").asText())).containsExactly("todo", "review");
    }

    @Test
    void limitAndNextPageThroughTheTimeline() {
        Scenario scenario = aliceWorks();
        List<JsonNode> all = awaitTimeline(scenario.projectId(), scenario.types().size());

        List<JsonNode> paged = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = api.get(TIMELINE + "?limit=3&project_id=" + scenario.projectId() + cursor).expect(200).data();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            page.get("items").forEach(paged::add);
            cursor = page.get("next").isNull() ? null : "&after=" + page.get("next").asText();
            pages++;
        }

        assertThat(positions(paged)).containsExactlyElementsOf(positions(all));
        assertThat(pages).isEqualTo((all.size() + 2) / 3);
    }

    @Test
    void badBoundsAndLimitsAreRefused() {
        assertThat(Json.texts(api.get(TIMELINE + "?after=yesterday").expectError(400, "VALIDATION_FAILED")
                .get("details").get("fields"))).containsExactly("after");
        assertThat(Json.texts(api.get(TIMELINE + "?before=soon").expectError(400, "VALIDATION_FAILED")
                .get("details").get("fields"))).containsExactly("before");
        assertThat(Json.texts(api.get(TIMELINE + "?after=-3").expectError(400, "VALIDATION_FAILED")
                .get("details").get("fields"))).containsExactly("after");
        assertThat(Json.texts(api.get(TIMELINE + "?limit=0").expectError(400, "VALIDATION_FAILED")
                .get("details").get("fields"))).containsExactly("limit");
        assertThat(Json.texts(api.get(TIMELINE + "?limit=501").expectError(400, "VALIDATION_FAILED")
                .get("details").get("fields"))).containsExactly("limit");
    }

    @Test
    void anAggregateHistoryListsAllItsEventsInOrder() {
        Scenario scenario = aliceWorks();

        JsonNode history = api.get("/api/v1/aggregates/Task/" + scenario.taskId() + "/history").expect(200).data();

        assertThat(history.get("aggregate_type").asText()).isEqualTo("Task");
        assertThat(history.get("aggregate_id").asText()).isEqualTo(scenario.taskId());
        List<JsonNode> items = new ArrayList<>();
        history.get("items").forEach(items::add);
        assertThat(Json.texts(items, "type")).containsExactly("TaskCreatedEvent", "TaskDetailsEditedEvent",
                "TaskMovedEvent", "ChecklistItemMarkedEvent", "TaskDependenciesChangedEvent");
        assertThat(items.stream().map(item -> item.get("sequence").asLong())).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(positions(items)).isSorted();
        assertThat(items.get(2).get("payload").get("to_column").asText()).isEqualTo("todo");
        assertThat(items.get(0).get("metadata").get("user").asText()).isEqualTo("alice");
    }

    @Test
    void theHistoryOfADeletedTaskEndsWithItsDeletion() {
        Scenario scenario = aliceWorks();

        JsonNode history = api.get("/api/v1/aggregates/task/" + scenario.otherTaskId() + "/history").expect(200).data();

        assertThat(Json.texts(history.get("items"), "type")).containsExactly("TaskCreatedEvent", "TaskDeletedEvent");
    }

    @Test
    void aHistoryUnderTheWrongTypeOrOfAnUnknownIdIsNotFound() {
        String projectId = createProject(uniqueName("History types"));
        String taskId = newTask(projectId, "a task");

        api.get("/api/v1/aggregates/Project/" + taskId + "/history").expectError(404, "NOT_FOUND");
        api.get("/api/v1/aggregates/Task/" + projectId + "/history").expectError(404, "NOT_FOUND");
        api.get("/api/v1/aggregates/Task/" + UUID.randomUUID() + "/history").expectError(404, "NOT_FOUND");
        api.get("/api/v1/aggregates/Project/" + projectId + "/history").expect(200);
    }

    @Test
    void theCausesOfAnEventLeadBackToTheCommandAndTheRequest() {
        Scenario scenario = aliceWorks();
        JsonNode move = awaitTimeline(scenario.projectId(), scenario.types().size()).stream()
                .filter(item -> item.get("type").asText().equals("TaskMovedEvent")).findFirst().orElseThrow();

        JsonNode causes = api.get("/api/v1/events/" + move.get("event_id").asText() + "/causes").expect(200).data();

        JsonNode chain = causes.get("items");
        assertThat(Json.texts(chain, "kind")).containsExactly("event", "command", "request");
        assertThat(chain.get(0).get("id").asText()).isEqualTo(move.get("event_id").asText());
        assertThat(chain.get(0).get("type").asText()).isEqualTo("TaskMovedEvent");
        assertThat(chain.get(1).get("type").asText()).isEqualTo("MoveTaskCommand");
        assertThat(chain.get(1).get("id").asText()).isEqualTo(move.get("metadata").get("causation_id").asText());
        assertThat(chain.get(2).get("source").asText()).isEqualTo("POST /api/v1/tasks/" + scenario.taskId() + "/move");
        assertThat(chain.get(2).get("id").asText()).isEqualTo(move.get("metadata").get("correlation_id").asText());
        chain.forEach(link -> assertThat(link.get("user").asText()).isEqualTo("alice"));
    }

    @Test
    void theCausesOfACreationNameTheCreatingRequest() {
        Scenario scenario = aliceWorks();
        JsonNode created = awaitTimeline(scenario.projectId(), scenario.types().size()).get(0);

        JsonNode chain = api.get("/api/v1/events/" + created.get("event_id").asText() + "/causes").expect(200)
                .data().get("items");

        assertThat(Json.texts(chain, "kind")).containsExactly("event", "command", "request");
        assertThat(chain.get(1).get("type").asText()).isEqualTo("CreateProjectCommand");
        assertThat(chain.get(2).get("source").asText()).isEqualTo("POST /api/v1/projects");
    }

    @Test
    void theCausesOfAnUnknownEventAreNotFound() {
        api.get("/api/v1/events/" + UUID.randomUUID() + "/causes").expectError(404, "NOT_FOUND");
    }

    @Test
    void agentProfileEventsAreInTheTimelineWithoutAProject() {
        String agent = api.post("/api/v1/agents", Json.obj("name", uniqueName("Timeline agent"), "adapter", "codex"))
                .expect(201).data().get("agent_profile_id").asText();

        List<JsonNode> items = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            items.clear();
            items.addAll(timeline("aggregate_id=" + agent));
            return !items.isEmpty();
        });

        assertThat(items.get(0).get("type").asText()).isEqualTo("AgentProfileCreatedEvent");
        assertThat(items.get(0).get("aggregate_type").asText()).isEqualTo("AgentProfile");
        assertThat(items.get(0).get("payload").get("settings").get("adapter").asText()).isEqualTo("codex");
    }
}
