package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BoardApiTest extends ApiTestBase {

    private static final Set<String> CARD_FIELDS = Set.of("task_id", "title", "column", "rank", "labels", "priority",
            "agent_profile_id", "agent_name", "status", "last_outcome", "attempt_count", "blocked_by");

    private String projectId;

    @BeforeEach
    void project() {
        projectId = createProject(uniqueName("Board"));
        project(projectId, 0);
    }

    private String boardPath() {
        return "/api/v1/projects/" + projectId + "/board";
    }

    /** The ids of every card the filtered board shows. */
    private List<String> filtered(String query) {
        return allIds(board(projectId, query));
    }

    /** A new agent profile, once the agent profiles read model (which names cards) knows it. */
    private String agent(String name) {
        String id = api.post("/api/v1/agents", Json.obj("name", name, "adapter", "claude-code"))
                .expect(201).data().get("agent_profile_id").asText();
        api.get("/api/v1/agents/" + id + "?min_version=0").expect(200);
        return id;
    }

    @Test
    void theBoardListsEveryColumnWithItsCardsInRankOrder() {
        String a = newTask(projectId, "A", "todo");
        String b = newTask(projectId, "B", "todo");
        String c = newTask(projectId, "C", "todo");
        long version = move(a, Json.obj("column", "todo", "after_task_id", c));

        JsonNode board = boardAfter(projectId, a, version);

        assertThat(board.get("project_id").asText()).isEqualTo(projectId);
        assertThat(board.get("position").asLong()).isPositive();
        assertThat(Json.texts(board.get("columns"), "id")).containsExactly("backlog", "todo", "in_progress", "review", "done");
        assertThat(Json.texts(board.get("columns"), "name")).containsExactly("Backlog", "To Do", "In Progress", "Review", "Done");
        assertThat(columnIds(board, "todo")).containsExactly(b, c, a);
        List<String> ranks = Json.texts(columnOf(board, "todo").get("tasks"), "rank");
        assertThat(ranks).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void aCardHasTheContractShape() {
        String agent = agent(uniqueName("Card agent"));
        String dependency = newTask(projectId, "dependency");
        String id = createTask(projectId, Json.obj("title", "Shaped", "labels", List.of("api", "docs"), "priority", 4,
                "agent_profile_id", agent, "depends_on", List.of(dependency), "column", "review"));
        task(id, 0);

        JsonNode card = card(board(projectId), id).orElseThrow();

        Set<String> fields = new HashSet<>();
        card.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsAll(CARD_FIELDS);
        assertThat(card.get("task_id").asText()).isEqualTo(id);
        assertThat(card.get("title").asText()).isEqualTo("Shaped");
        assertThat(card.get("column").asText()).isEqualTo("review");
        assertThat(card.get("rank").asText()).isNotBlank();
        assertThat(Json.texts(card.get("labels"))).containsExactly("api", "docs");
        assertThat(card.get("priority").asInt()).isEqualTo(4);
        assertThat(card.get("agent_profile_id").asText()).isEqualTo(agent);
        assertThat(card.get("agent_name").asText()).startsWith("Card agent");
        assertThat(card.get("status").asText()).isEqualTo("blocked");
        assertThat(card.get("last_outcome").isNull()).isTrue();
        assertThat(card.get("attempt_count").asInt()).isZero();
        assertThat(Json.texts(card.get("blocked_by"))).containsExactly(dependency);
    }

    @Test
    void theBoardsPositionIsItsLatestChangeEvenARemoval() {
        String kept = newTask(projectId, "kept");
        String removed = newTask(projectId, "removed");
        task(kept, 0);
        task(removed, 0);

        api.delete("/api/v1/tasks/" + removed).expect(200);

        JsonNode removal = awaitTimelineEvent(projectId, removed, 1).stream()
                .filter(e -> e.get("aggregate_id").asText().equals(removed) && e.get("sequence").asLong() == 1)
                .findFirst().orElseThrow();
        JsonNode board = awaitBoard(projectId, "", b -> card(b, removed).isEmpty());
        assertThat(board.get("position").asLong()).isEqualTo(removal.get("position").asLong());
    }

    @Test
    void qFindsTitleAndDescriptionTextIgnoringCase() {
        String byTitle = newTask(projectId, "Fix the LOGIN form");
        String byDescription = createTask(projectId, Json.obj("title", "Other", "description", "users cannot login on mobile"));
        String unrelated = newTask(projectId, "Write docs");
        task(unrelated, 0);
        task(byDescription, 0);

        assertThat(filtered("?q=Login")).containsExactlyInAnyOrder(byTitle, byDescription);
        assertThat(filtered("?q=MOBILE")).containsExactly(byDescription);
        assertThat(filtered("?q=nothing-matches-this")).isEmpty();
    }

    @Test
    void labelFiltersByAnyOfTheGivenLabels() {
        String ui = createTask(projectId, Json.obj("title", "ui", "labels", List.of("UI", "frontend")));
        String api = createTask(projectId, Json.obj("title", "api", "labels", List.of("backend")));
        String none = newTask(projectId, "none");
        task(none, 0);
        task(ui, 0);
        task(api, 0);

        assertThat(filtered("?label=frontend")).containsExactly(ui);
        assertThat(filtered("?label=ui")).as("labels match ignoring case").containsExactly(ui);
        assertThat(filtered("?label=frontend,backend")).containsExactlyInAnyOrder(ui, api);
        assertThat(filtered("?label=frontend&label=backend")).containsExactlyInAnyOrder(ui, api);
    }

    @Test
    void agentFiltersByProfileIdOrByName() {
        String alphaName = uniqueName("Alpha");
        String alpha = agent(alphaName);
        String beta = agent(uniqueName("Beta"));
        String forAlpha = createTask(projectId, Json.obj("title", "alpha's", "agent_profile_id", alpha));
        String forBeta = createTask(projectId, Json.obj("title", "beta's", "agent_profile_id", beta));
        String unassigned = newTask(projectId, "nobody's");
        task(forAlpha, 0);
        task(forBeta, 0);
        task(unassigned, 0);

        assertThat(filtered("?agent=" + alpha)).containsExactly(forAlpha);
        assertThat(filtered("?agent=" + alphaName)).containsExactly(forAlpha);
        assertThat(filtered("?agent=" + alphaName.toUpperCase())).containsExactly(forAlpha);
        assertThat(filtered("?agent=" + alpha + "," + beta)).containsExactlyInAnyOrder(forAlpha, forBeta);
    }

    @Test
    void statusFiltersByCardStatus() {
        String done = newTask(projectId, "finished", "done");
        String idle = newTask(projectId, "idle");
        String blocked = createTask(projectId, Json.obj("title", "blocked", "depends_on", List.of(idle)));
        task(done, 0);
        task(blocked, 0);

        assertThat(filtered("?status=blocked")).containsExactly(blocked);
        assertThat(filtered("?status=idle")).containsExactly(idle);
        assertThat(filtered("?status=done")).containsExactly(done);
        assertThat(filtered("?status=idle,done")).containsExactlyInAnyOrder(idle, done);
    }

    @Test
    void differentFiltersMustAllMatch() {
        String both = createTask(projectId, Json.obj("title", "search me", "labels", List.of("x")));
        String labelOnly = createTask(projectId, Json.obj("title", "other", "labels", List.of("x")));
        String textOnly = newTask(projectId, "search me too");
        task(both, 0);
        task(labelOnly, 0);
        task(textOnly, 0);

        assertThat(filtered("?q=search&label=x")).containsExactly(both);
    }

    @Test
    void aFilteredBoardStillListsEveryColumn() {
        newTask(projectId, "hidden");

        JsonNode board = board(projectId, "?q=nothing-matches-this");

        assertThat(Json.texts(board.get("columns"), "id")).containsExactly("backlog", "todo", "in_progress", "review", "done");
        assertThat(allIds(board)).isEmpty();
    }

    @Test
    void asOfAPositionShowsTheBoardAsItWasThen() {
        String a = newTask(projectId, "A");
        JsonNode before = boardAfter(projectId, a, 0);
        long position = before.get("position").asLong();

        long version = moveTo(a, "in_progress");
        String b = newTask(projectId, "B");
        task(a, version);
        task(b, 0);

        JsonNode then = board(projectId, "?as_of=" + position);
        JsonNode now = board(projectId);
        assertThat(columnIds(then, "backlog")).containsExactly(a);
        assertThat(columnIds(then, "in_progress")).isEmpty();
        assertThat(then.get("position").asLong()).isEqualTo(position);
        assertThat(then.get("columns")).isEqualTo(before.get("columns"));
        assertThat(columnIds(now, "backlog")).containsExactly(b);
        assertThat(columnIds(now, "in_progress")).containsExactly(a);
    }

    @Test
    void asOfATimeShowsTheBoardAsItWasThen() {
        String a = newTask(projectId, "A");
        task(a, 0);
        Instant between = distinctMoment();
        long version = moveTo(a, "review");
        task(a, version);

        JsonNode then = board(projectId, "?as_of=" + between);
        JsonNode now = board(projectId);

        assertThat(columnIds(then, "backlog")).containsExactly(a);
        assertThat(columnIds(then, "review")).isEmpty();
        assertThat(columnIds(now, "review")).containsExactly(a);
    }

    /** Text with the characters databases and bulk loaders treat specially comes back exactly, live and as of. */
    @Test
    void textWithSeparatorsEscapesAndUnicodeSurvivesTheReadModelsAndTheTimeline() {
        String title = "Tab\there, back\\slash, \\N not null, \"quoted\", naïve ✓ 日本";
        String description = "line 1\nline 2\r\n\ttabbed \\t literal, {\"json\": [1, 2]}";
        String a = createTask(projectId, Json.obj("title", title, "description", description));
        long position = boardAfter(projectId, a, 0).get("position").asLong();
        long version = patchTask(a, Json.obj("title", "Renamed"));
        task(a, version);

        assertThat(card(board(projectId, "?as_of=" + position), a).orElseThrow().get("title").asText()).isEqualTo(title);
        assertThat(card(board(projectId), a).orElseThrow().get("title").asText()).isEqualTo("Renamed");
        JsonNode created = api.get("/api/v1/aggregates/Task/" + a + "/history").expect(200).data().get("items").get(0);
        assertThat(created.get("payload").get("details").get("title").asText()).isEqualTo(title);
        assertThat(created.get("payload").get("details").get("description").asText()).isEqualTo(description);
    }

    @Test
    void asOfShowsADeletedCardThatExistedThen() {
        String a = newTask(projectId, "Soon deleted");
        long position = boardAfter(projectId, a, 0).get("position").asLong();
        api.delete("/api/v1/tasks/" + a).expect(200);
        awaitBoard(projectId, b -> card(b, a).isEmpty());

        JsonNode then = board(projectId, "?as_of=" + position);

        assertThat(card(then, a).orElseThrow().get("title").asText()).isEqualTo("Soon deleted");
    }

    @Test
    void asOfShowsTheColumnsOfThatTime() {
        long position = board(projectId).get("position").asLong();
        long version = api.patch("/api/v1/projects/" + projectId, Json.obj("columns",
                List.of(Json.map("id", "todo", "name", "Todo"), Json.map("id", "done", "name", "Done")))).expect(200)
                .data().get("version").asLong();
        project(projectId, version);

        assertThat(Json.texts(board(projectId, "?as_of=" + position).get("columns"), "id"))
                .containsExactly("backlog", "todo", "in_progress", "review", "done");
        assertThat(Json.texts(board(projectId).get("columns"), "id")).containsExactly("todo", "done");
    }

    @Test
    void asOfAcceptsFilters() {
        String a = createTask(projectId, Json.obj("title", "A", "labels", List.of("keep")));
        String b = newTask(projectId, "B");
        task(a, 0);
        long position = boardAfter(projectId, b, 0).get("position").asLong();

        assertThat(allIds(board(projectId, "?label=keep&as_of=" + position))).containsExactly(a);
    }

    @Test
    void anAsOfThatIsNeitherAPositionNorATimeIsRefused() {
        List<String> refused = new ArrayList<>();
        for (String value : List.of("yesterday", "2026-13-45T00:00:00Z", "-5", "12abc")) {
            JsonNode error = api.get(boardPath() + "?as_of=" + value).expectError(400, "VALIDATION_FAILED");
            refused.addAll(Json.texts(error.get("details").get("fields")));
        }

        assertThat(refused).containsOnly("as_of").hasSize(4);
    }

    @Test
    void asOfBeforeTheProjectExistedIsNotFound() {
        Instant beforeCreation = distinctMoment();
        String later = createProject(uniqueName("Later"));
        project(later, 0);
        long created = awaitTimeline(later, 1).get(0).get("position").asLong();

        api.get("/api/v1/projects/" + later + "/board?as_of=" + (created - 1)).expectError(404, "NOT_FOUND");
        api.get("/api/v1/projects/" + later + "/board?as_of=" + beforeCreation).expectError(404, "NOT_FOUND");
        api.get("/api/v1/projects/" + later + "/board?as_of=" + created).expect(200);
    }

    @Test
    void anUnknownProjectHasNoBoard() {
        api.get("/api/v1/projects/" + UUID.randomUUID() + "/board").expectError(404, "NOT_FOUND");
        api.get("/api/v1/projects/" + UUID.randomUUID() + "/board?as_of=5").expectError(404, "NOT_FOUND");
    }
}
