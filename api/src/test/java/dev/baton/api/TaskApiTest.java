package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TaskApiTest extends ApiTestBase {

    private String projectId;

    @BeforeEach
    void project() {
        projectId = createProject(uniqueName("Tasks"));
    }

    private String tasks() {
        return "/api/v1/projects/" + projectId + "/tasks";
    }

    private static String path(String taskId) {
        return "/api/v1/tasks/" + taskId;
    }

    /** A new agent profile, once the agent profiles read model (which names cards and tasks) knows it. */
    private String agentProfile() {
        String id = api.post("/api/v1/agents", Json.obj("name", uniqueName("Tasks agent"), "adapter", "codex"))
                .expect(201).data().get("agent_profile_id").asText();
        api.get("/api/v1/agents/" + id + "?min_version=0").expect(200);
        return id;
    }

    private JsonNode dependOn(String taskId, String... dependencies) {
        return api.patch(path(taskId), Json.obj("depends_on", List.of(dependencies))).json();
    }

    // --- create and read ---

    @Test
    void createAnswers201WithTheNewIdAndVersion0() {
        JsonNode created = api.post(tasks(), Json.obj("title", "Write the parser")).expect(201).data();

        assertThat(UUID.fromString(created.get("task_id").asText())).isNotNull();
        assertThat(created.get("version").asLong()).isZero();
    }

    @Test
    void aTaskWithoutAColumnStartsInTheBacklog() {
        String id = newTask(projectId, "Backlog by default");

        assertThat(task(id, 0).get("column").asText()).isEqualTo("backlog");
        assertThat(columnIds(boardAfter(projectId, id, 0), "backlog")).containsExactly(id);
    }

    @Test
    void aTaskWithoutAColumnStartsInTheFirstColumnOfABoardWithoutBacklog() {
        String custom = api.post("/api/v1/projects", Json.obj("name", uniqueName("No backlog"),
                        "local_path", GitRepos.create().toString(),
                        "columns", List.of(Json.map("id", "inbox", "name", "Inbox"), Json.map("id", "done", "name", "Done"))))
                .expect(201).data().get("project_id").asText();

        String id = newTask(custom, "first column");

        assertThat(task(id, 0).get("column").asText()).isEqualTo("inbox");
    }

    @Test
    void getAnswersTheWholeTask() {
        String agent = agentProfile();
        String dependency = newTask(projectId, "dependency");
        String id = createTask(projectId, Json.obj("title", "Complete task", "description", "All the fields",
                "acceptance_criteria", List.of("parses", "reports errors"), "labels", List.of("parser", "backend"),
                "priority", 1, "estimate", 2.5, "focus_files", List.of("src/parser.ts"), "column", "todo",
                "agent_profile_id", agent, "depends_on", List.of(dependency)));

        JsonNode task = task(id, 0);

        assertThat(task.get("task_id").asText()).isEqualTo(id);
        assertThat(task.get("project_id").asText()).isEqualTo(projectId);
        assertThat(task.get("title").asText()).isEqualTo("Complete task");
        assertThat(task.get("description").asText()).isEqualTo("All the fields");
        assertThat(Json.texts(task.get("acceptance_criteria"))).containsExactly("parses", "reports errors");
        assertThat(Json.texts(task.get("checklist"), "text")).containsExactly("parses", "reports errors");
        task.get("checklist").forEach(item -> assertThat(item.get("done").asBoolean()).isFalse());
        assertThat(Json.texts(task.get("labels"))).containsExactly("parser", "backend");
        assertThat(task.get("priority").asInt()).isEqualTo(1);
        assertThat(task.get("estimate").asDouble()).isEqualTo(2.5);
        assertThat(Json.texts(task.get("focus_files"))).containsExactly("src/parser.ts");
        assertThat(task.get("column").asText()).isEqualTo("todo");
        assertThat(task.get("agent_profile_id").asText()).isEqualTo(agent);
        assertThat(task.get("agent_name").asText()).startsWith("Tasks agent");
        assertThat(Json.texts(task.get("depends_on"))).containsExactly(dependency);
        assertThat(Json.texts(task.get("blocked_by"))).containsExactly(dependency);
        assertThat(task.get("status").asText()).isEqualTo("blocked");
        assertThat(task.get("attempts").isArray()).isTrue();
        assertThat(task.get("attempts")).isEmpty();
        assertThat(task.get("attempt_count").asInt()).isZero();
        assertThat(task.get("version").asLong()).isZero();
    }

    @Test
    void anUnfinishedTaskWithoutDependenciesIsIdle() {
        String id = newTask(projectId, "idle");

        JsonNode task = task(id, 0);

        assertThat(task.get("status").asText()).isEqualTo("idle");
        assertThat(task.get("depends_on")).isEmpty();
        assertThat(task.get("blocked_by")).isEmpty();
        assertThat(task.get("description").isNull()).isTrue();
        assertThat(task.get("priority").isNull()).isTrue();
    }

    @Test
    void anUnknownTaskIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        api.get(path(unknown)).expectError(404, "NOT_FOUND");
        api.patch(path(unknown), Json.obj("title", "x")).expectError(404, "NOT_FOUND");
        api.delete(path(unknown)).expectError(404, "NOT_FOUND");
        api.post(path(unknown) + "/checklist/0", Json.obj("done", true)).expectError(404, "NOT_FOUND");
    }

    @Test
    void creatingATaskInAnUnknownColumnIsRefused() {
        JsonNode error = api.post(tasks(), Json.obj("title", "x", "column", "nowhere")).expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("column");
    }

    @Test
    void creatingATaskForAnUnknownAgentProfileIsRefused() {
        JsonNode error = api.post(tasks(), Json.obj("title", "x", "agent_profile_id", UUID.randomUUID().toString()))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("agent_profile_id");
    }

    @Test
    void invalidTaskFieldsAreRefusedNamingTheField() {
        assertRefused(Json.obj("title", " "), "title");
        assertRefused(Json.obj("title", "x", "priority", 5), "priority");
        assertRefused(Json.obj("title", "x", "priority", -1), "priority");
        assertRefused(Json.obj("title", "x", "estimate", -2), "estimate");
        assertRefused(Json.obj("title", "x", "labels", List.of("a", "a")), "labels");
        assertRefused(Json.obj("title", "x", "labels", List.of("")), "labels");
        assertRefused(Json.obj("title", "x", "focus_files", List.of("/etc/passwd")), "focus_files");
        assertRefused(Json.obj("title", "x", "focus_files", List.of("../outside.txt")), "focus_files");
        assertRefused(Json.obj("title", "x", "depends_on", List.of("not-a-task-id")), "depends_on");
        assertRefused(Json.obj("title", "x", "acceptance_criteria", List.of("  ")), "acceptance_criteria");
    }

    private void assertRefused(String body, String field) {
        JsonNode error = api.post(tasks(), body).expectError(400, "VALIDATION_FAILED");
        assertThat(Json.texts(error.get("details").get("fields"))).as(body).containsExactly(field);
    }

    // --- edit ---

    @Test
    void patchChangesEveryEditableField() {
        String agent = agentProfile();
        String dependency = newTask(projectId, "dependency");
        String id = newTask(projectId, "Before");

        long version = patchTask(id, Json.obj("title", "After", "description", "now described",
                "acceptance_criteria", List.of("one", "two"), "labels", List.of("ui"), "priority", 3, "estimate", 8,
                "focus_files", List.of("docs/readme.md"), "agent_profile_id", agent, "depends_on", List.of(dependency)));

        JsonNode task = task(id, version);
        assertThat(task.get("title").asText()).isEqualTo("After");
        assertThat(task.get("description").asText()).isEqualTo("now described");
        assertThat(Json.texts(task.get("acceptance_criteria"))).containsExactly("one", "two");
        assertThat(Json.texts(task.get("labels"))).containsExactly("ui");
        assertThat(task.get("priority").asInt()).isEqualTo(3);
        assertThat(task.get("estimate").asDouble()).isEqualTo(8.0);
        assertThat(Json.texts(task.get("focus_files"))).containsExactly("docs/readme.md");
        assertThat(task.get("agent_profile_id").asText()).isEqualTo(agent);
        assertThat(Json.texts(task.get("depends_on"))).containsExactly(dependency);
        assertThat(version).as("details, agent and dependencies are three events").isEqualTo(3);
    }

    @Test
    void patchKeepsTheFieldsItDoesNotName() {
        String id = createTask(projectId, Json.obj("title", "Keep", "description", "kept", "labels", List.of("a"), "priority", 2));

        long version = patchTask(id, Json.obj("title", "Renamed"));

        JsonNode task = task(id, version);
        assertThat(task.get("title").asText()).isEqualTo("Renamed");
        assertThat(task.get("description").asText()).isEqualTo("kept");
        assertThat(Json.texts(task.get("labels"))).containsExactly("a");
        assertThat(task.get("priority").asInt()).isEqualTo(2);
    }

    @Test
    void nullClearsDescriptionPriorityEstimateAndAgentProfile() {
        String agent = agentProfile();
        String id = createTask(projectId, Json.obj("title", "To clear", "description", "text", "priority", 0,
                "estimate", 1, "agent_profile_id", agent));

        long version = patchTask(id, Json.obj("description", null, "priority", null, "estimate", null,
                "agent_profile_id", null));

        JsonNode task = task(id, version);
        assertThat(task.get("description").isNull()).isTrue();
        assertThat(task.get("priority").isNull()).isTrue();
        assertThat(task.get("estimate").isNull()).isTrue();
        assertThat(task.get("agent_profile_id").isNull()).isTrue();
        assertThat(task.get("agent_name").isNull()).isTrue();
    }

    @Test
    void aNullTitleIsRefused() {
        String id = newTask(projectId, "Titled");

        JsonNode error = api.patch(path(id), Json.obj("title", null)).expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("title");
        assertThat(task(id, 0).get("title").asText()).isEqualTo("Titled");
    }

    @Test
    void anExpectedVersionThatIsNotCurrentIsAConflict() {
        String id = newTask(projectId, "Guarded");
        patchTask(id, Json.obj("labels", List.of("first")));

        JsonNode error = api.patch(path(id), Json.obj("labels", List.of("stale"), "expected_version", 0))
                .expectError(409, "CONFLICT");

        assertThat(error.get("details").get("actual_version").asLong()).isEqualTo(1);
        assertThat(Json.texts(task(id, 1).get("labels"))).containsExactly("first");
    }

    @Test
    void anExpectedVersionThatIsCurrentIsAccepted() {
        String id = newTask(projectId, "Guarded");

        long version = patchTask(id, Json.obj("labels", List.of("fresh"), "expected_version", 0));

        assertThat(version).isEqualTo(1);
        assertThat(Json.texts(task(id, 1).get("labels"))).containsExactly("fresh");
    }

    @Test
    void aChecklistItemCanBeCheckedAndUnchecked() {
        String id = createTask(projectId, Json.obj("title", "Checklist", "acceptance_criteria", List.of("a", "b", "c")));

        long checked = api.post(path(id) + "/checklist/1", Json.obj("done", true)).expect(200).data().get("version").asLong();
        JsonNode afterCheck = task(id, checked);
        long unchecked = api.post(path(id) + "/checklist/1", Json.obj("done", false)).expect(200).data().get("version").asLong();

        assertThat(afterCheck.get("checklist").get(0).get("done").asBoolean()).isFalse();
        assertThat(afterCheck.get("checklist").get(1).get("done").asBoolean()).isTrue();
        assertThat(afterCheck.get("checklist").get(2).get("done").asBoolean()).isFalse();
        assertThat(task(id, unchecked).get("checklist").get(1).get("done").asBoolean()).isFalse();
        assertThat(unchecked).isEqualTo(checked + 1);
    }

    @Test
    void aChecklistIndexOutOfRangeIsNotFound() {
        String id = createTask(projectId, Json.obj("title", "Short list", "acceptance_criteria", List.of("only")));

        api.post(path(id) + "/checklist/1", Json.obj("done", true)).expectError(404, "NOT_FOUND");
        api.post(path(id) + "/checklist/-1", Json.obj("done", true)).expectError(404, "NOT_FOUND");
    }

    @Test
    void aChecklistMarkWithoutDoneIsRefused() {
        String id = createTask(projectId, Json.obj("title", "Needs done", "acceptance_criteria", List.of("only")));

        JsonNode error = api.post(path(id) + "/checklist/0", "{}").expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("done");
    }

    // --- delete ---

    @Test
    void aDeletedTaskIsGoneFromItsUrlAndTheBoard() {
        String id = newTask(projectId, "Doomed");
        String other = newTask(projectId, "Survivor");
        task(other, 0);

        JsonNode deleted = api.delete(path(id)).expect(200).data();

        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        JsonNode board = awaitBoard(projectId, b -> card(b, id).isEmpty());
        assertThat(allIds(board)).containsExactly(other);
        api.get(path(id)).expectError(404, "NOT_FOUND");
        api.patch(path(id), Json.obj("title", "again")).expectError(404, "NOT_FOUND");
        api.delete(path(id)).expectError(404, "NOT_FOUND");
    }

    @Test
    void deletingADependencyUnblocksItsDependants() {
        String dependency = newTask(projectId, "Dependency");
        String dependant = createTask(projectId, Json.obj("title", "Dependant", "depends_on", List.of(dependency)));
        assertThat(Json.texts(task(dependant, 0).get("blocked_by"))).containsExactly(dependency);

        api.delete(path(dependency)).expect(200);

        JsonNode board = awaitBoard(projectId, b -> card(b, dependency).isEmpty());
        JsonNode card = card(board, dependant).orElseThrow();
        assertThat(card.get("blocked_by")).isEmpty();
        assertThat(card.get("status").asText()).isEqualTo("idle");
    }

    // --- moves ---

    @Test
    void aMoveWithoutNeighboursPutsTheCardAtTheEndOfTheColumn() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String c = newTask(projectId, "C");

        long version = moveTo(c, "todo");

        JsonNode board = boardAfter(projectId, c, version);
        assertThat(columnIds(board, "todo")).containsExactly(a, b, c);
        assertThat(columnIds(board, "backlog")).isEmpty();
        assertThat(card(board, c).orElseThrow().get("column").asText()).isEqualTo("todo");
    }

    @Test
    void beforeTaskIdPutsTheCardRightBeforeThatCard() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String c = newTask(projectId, "C", "todo");
        String d = newTask(projectId, "D");

        long version = move(d, Json.obj("column", "todo", "before_task_id", b));

        assertThat(columnIds(boardAfter(projectId, d, version), "todo")).containsExactly(a, d, b, c);
    }

    @Test
    void beforeTheFirstCardPutsTheCardOnTop() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");

        long version = move(b, Json.obj("column", "todo", "before_task_id", a));

        assertThat(columnIds(boardAfter(projectId, b, version), "todo")).containsExactly(b, a);
    }

    @Test
    void afterTaskIdPutsTheCardRightAfterThatCard() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String c = newTask(projectId, "C", "todo");

        long version = move(c, Json.obj("column", "todo", "after_task_id", a));

        assertThat(columnIds(boardAfter(projectId, c, version), "todo")).containsExactly(a, c, b);
    }

    @Test
    void afterAndBeforeTogetherPutTheCardBetweenThem() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String c = newTask(projectId, "C", "todo");
        String d = newTask(projectId, "D", "review");

        long version = move(d, Json.obj("column", "todo", "after_task_id", b, "before_task_id", c));

        JsonNode board = boardAfter(projectId, d, version);
        assertThat(columnIds(board, "todo")).containsExactly(a, b, d, c);
        assertThat(columnIds(board, "review")).isEmpty();
    }

    @Test
    void repeatedMovesBetweenTheSameTwoCardsKeepAStrictOrder() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String[] moved = new String[12];
        long version = 0;
        for (int i = 0; i < moved.length; i++) {
            moved[i] = newTask(projectId, "M" + i);
            // each new card lands right after A, so the newest is first after A
            version = move(moved[i], Json.obj("column", "todo", "after_task_id", a, "before_task_id", i == 0 ? b : moved[i - 1]));
        }

        List<String> order = columnIds(boardAfter(projectId, moved[moved.length - 1], version), "todo");

        assertThat(order).first().isEqualTo(a);
        assertThat(order).last().isEqualTo(b);
        for (int i = 1; i < moved.length; i++) {
            assertThat(order.indexOf(moved[i])).isEqualTo(order.indexOf(moved[i - 1]) - 1);
        }
    }

    @Test
    void afterAndBeforeInTheWrongOrderIsRefused() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String c = newTask(projectId, "C");

        JsonNode error = api.post(path(c) + "/move", Json.obj("column", "todo", "after_task_id", b, "before_task_id", a))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("after_task_id");
    }

    @Test
    void aMoveToAnUnknownColumnIsRefused() {
        String id = newTask(projectId, "Lost");

        JsonNode error = api.post(path(id) + "/move", Json.obj("column", "limbo")).expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("column");
        assertThat(task(id, 0).get("column").asText()).isEqualTo("backlog");
    }

    @Test
    void aMoveWithoutAColumnIsRefused() {
        String id = newTask(projectId, "Nowhere");

        JsonNode error = api.post(path(id) + "/move", "{}").expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("column");
    }

    @Test
    void aMoveBesideACardInAnotherColumnIsRefused() {
        String inReview = newTask(projectId, "In review", "review");
        String id = newTask(projectId, "Mover");

        JsonNode before = api.post(path(id) + "/move", Json.obj("column", "todo", "before_task_id", inReview))
                .expectError(400, "VALIDATION_FAILED");
        JsonNode after = api.post(path(id) + "/move", Json.obj("column", "todo", "after_task_id", inReview))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(before.get("details").get("fields"))).containsExactly("before_task_id");
        assertThat(Json.texts(after.get("details").get("fields"))).containsExactly("after_task_id");
    }

    @Test
    void aMoveBesideACardOfAnotherProjectIsRefused() {
        String elsewhere = newTask(createProject(uniqueName("Elsewhere")), "Foreign", "todo");
        String id = newTask(projectId, "Mover");

        JsonNode error = api.post(path(id) + "/move", Json.obj("column", "todo", "before_task_id", elsewhere))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("before_task_id");
    }

    @Test
    void aMoveOfAnUnknownTaskIsNotFound() {
        api.post(path(UUID.randomUUID().toString()) + "/move", Json.obj("column", "todo")).expectError(404, "NOT_FOUND");
    }

    // --- dependencies ---

    @Test
    void anUnfinishedDependencyBlocksTheTask() {
        String dependency = newTask(projectId, "First");
        String id = newTask(projectId, "Second");

        long version = dependOn(id, dependency).get("data").get("version").asLong();

        JsonNode task = task(id, version);
        assertThat(Json.texts(task.get("blocked_by"))).containsExactly(dependency);
        assertThat(task.get("status").asText()).isEqualTo("blocked");
        JsonNode card = card(board(projectId), id).orElseThrow();
        assertThat(Json.texts(card.get("blocked_by"))).containsExactly(dependency);
        assertThat(card.get("status").asText()).isEqualTo("blocked");
    }

    @Test
    void movingTheDependencyToDoneUnblocksTheTask() {
        String dependency = newTask(projectId, "First");
        String id = createTask(projectId, Json.obj("title", "Second", "depends_on", List.of(dependency)));
        task(id, 0);

        long version = moveTo(dependency, "done");

        task(dependency, version);
        JsonNode task = task(id, 0);
        assertThat(task.get("blocked_by")).isEmpty();
        assertThat(task.get("status").asText()).isEqualTo("idle");
        assertThat(card(board(projectId), dependency).orElseThrow().get("status").asText()).isEqualTo("done");
    }

    @Test
    void movingTheDependencyOutOfDoneBlocksTheTaskAgain() {
        String dependency = newTask(projectId, "First", "done");
        String id = createTask(projectId, Json.obj("title", "Second", "depends_on", List.of(dependency)));
        assertThat(task(id, 0).get("status").asText()).isEqualTo("idle");

        long version = moveTo(dependency, "review");

        task(dependency, version);
        JsonNode task = task(id, 0);
        assertThat(Json.texts(task.get("blocked_by"))).containsExactly(dependency);
        assertThat(task.get("status").asText()).isEqualTo("blocked");
    }

    @Test
    void blockedByListsOnlyTheUnfinishedDependencies() {
        String done = newTask(projectId, "Done already", "done");
        String open = newTask(projectId, "Still open");

        String id = createTask(projectId, Json.obj("title", "Waits", "depends_on", List.of(done, open)));

        JsonNode task = task(id, 0);
        assertThat(Json.texts(task.get("depends_on"))).containsExactly(done, open);
        assertThat(Json.texts(task.get("blocked_by"))).containsExactly(open);
    }

    @Test
    void aTwoTaskCycleIsRefusedNamingTheCycle() {
        String a = newTask(projectId, "A");
        String b = newTask(projectId, "B");
        assertThat(dependOn(a, b).get("ok").asBoolean()).isTrue();

        JsonNode error = api.patch(path(b), Json.obj("depends_on", List.of(a))).expectError(422, "CYCLE_DETECTED");

        assertThat(Json.texts(error.get("details").get("cycle"))).containsExactly(b, a, b);
        assertThat(task(b, 0).get("depends_on")).isEmpty();
    }

    @Test
    void aThreeTaskCycleIsRefusedNamingTheCycleInOrder() {
        String a = newTask(projectId, "A");
        String b = newTask(projectId, "B");
        String c = newTask(projectId, "C");
        assertThat(dependOn(a, b).get("ok").asBoolean()).isTrue();
        assertThat(dependOn(b, c).get("ok").asBoolean()).isTrue();

        JsonNode error = api.patch(path(c), Json.obj("depends_on", List.of(a))).expectError(422, "CYCLE_DETECTED");

        // c depends on a, which depends on b, which depends on c
        assertThat(Json.texts(error.get("details").get("cycle"))).containsExactly(c, a, b, c);
    }

    @Test
    void aTaskCannotDependOnItself() {
        String a = newTask(projectId, "Selfish");

        JsonNode error = api.patch(path(a), Json.obj("depends_on", List.of(a))).expectError(422, "CYCLE_DETECTED");

        assertThat(Json.texts(error.get("details").get("cycle"))).containsExactly(a, a);
    }

    @Test
    void aDependencyOnATaskOfAnotherProjectIsRefused() {
        String foreign = newTask(createProject(uniqueName("Other board")), "Foreign");
        String id = newTask(projectId, "Local");

        JsonNode onEdit = api.patch(path(id), Json.obj("depends_on", List.of(foreign))).expectError(400, "VALIDATION_FAILED");
        JsonNode onCreate = api.post(tasks(), Json.obj("title", "x", "depends_on", List.of(foreign)))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(onEdit.get("details").get("fields"))).containsExactly("depends_on");
        assertThat(Json.texts(onCreate.get("details").get("fields"))).containsExactly("depends_on");
    }

    @Test
    void aDependencyOnAnUnknownTaskIsRefused() {
        JsonNode error = api.post(tasks(), Json.obj("title", "x", "depends_on", List.of(UUID.randomUUID().toString())))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("depends_on");
    }
}
