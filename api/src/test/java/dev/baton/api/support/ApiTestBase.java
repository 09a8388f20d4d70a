package dev.baton.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shortcuts shared by the HTTP integration tests: commands that must succeed, read-your-writes reads, board lookups. */
public abstract class ApiTestBase extends IntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private JdbcTemplate jdbc;

    /**
     * Now, answered once the clock has moved on from it: the store keeps events' times to the millisecond, so an event
     * made in the same millisecond would count as made at this moment, not after it.
     */
    protected static Instant distinctMoment() {
        Instant moment = Instant.now();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(moment.plusMillis(2)));
        return moment;
    }

    /** An agent profile whose agent runs until it is cancelled (after each test at the latest). */
    protected String sleepingAgent() {
        return api.post("/api/v1/agents", Json.obj("name", uniqueName("Sleeping agent"), "adapter", "command",
                "command", List.of("sleep", "600"))).expect(201).data().get("agent_profile_id").asText();
    }

    /** Waits until the attempt's status is one of {@code statuses} (404 while not projected yet); answers it. */
    protected JsonNode awaitAttempt(String attemptId, String... statuses) {
        JsonNode[] attempt = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Response answer = api.get("/api/v1/attempts/" + attemptId);
            if (answer.status() == 404) {
                return false;
            }
            attempt[0] = answer.expect(200).data();
            return List.of(statuses).contains(attempt[0].get("status").asText());
        });
        return attempt[0];
    }

    /**
     * Attempts run for real: a test's attempts that are still under way are cancelled after it, so that no agent
     * keeps running and no attempt changes state while a later test looks.
     */
    @AfterEach
    void cancelUnfinishedAttempts() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> active = jdbc.queryForList("select attempt_id from runner_attempt where phase <> 'DONE'",
                    String.class);
            active.forEach(id -> api.post("/api/v1/attempts/" + id + "/cancel", null));
            return active.isEmpty();
        });
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected String newTask(String projectId, String title) {
        return createTask(projectId, Json.obj("title", title));
    }

    protected String newTask(String projectId, String title, String column) {
        return createTask(projectId, Json.obj("title", title, "column", column));
    }

    /** Patches a task; answers the new version. */
    protected long patchTask(String taskId, String json) {
        return api.patch("/api/v1/tasks/" + taskId, json).expect(200).data().get("version").asLong();
    }

    /** Moves a task; answers the new version. */
    protected long move(String taskId, String json) {
        return api.post("/api/v1/tasks/" + taskId + "/move", json).expect(200).data().get("version").asLong();
    }

    protected long moveTo(String taskId, String column) {
        return move(taskId, Json.obj("column", column));
    }

    /** GET /tasks/{id} once its read model has reached {@code version}. */
    protected JsonNode task(String taskId, long version) {
        return api.get("/api/v1/tasks/" + taskId + "?min_version=" + version).expect(200).data();
    }

    protected JsonNode project(String projectId, long version) {
        return api.get("/api/v1/projects/" + projectId + "?min_version=" + version).expect(200).data();
    }

    protected JsonNode board(String projectId) {
        return board(projectId, "");
    }

    protected JsonNode board(String projectId, String query) {
        return api.get("/api/v1/projects/" + projectId + "/board" + query).expect(200).data();
    }

    /** The task ids of one column, in board order. */
    protected static List<String> columnIds(JsonNode board, String column) {
        return Json.texts(columnOf(board, column).get("tasks"), "task_id");
    }

    protected static JsonNode columnOf(JsonNode board, String column) {
        return StreamSupport.stream(board.get("columns").spliterator(), false)
                .filter(c -> c.get("id").asText().equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column + " in " + board));
    }

    protected static Optional<JsonNode> card(JsonNode board, String taskId) {
        for (JsonNode column : board.get("columns")) {
            for (JsonNode card : column.get("tasks")) {
                if (card.get("task_id").asText().equals(taskId)) {
                    return Optional.of(card);
                }
            }
        }
        return Optional.empty();
    }

    /** Every task id on a board, column by column. */
    protected static List<String> allIds(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("columns").forEach(c -> ids.addAll(Json.texts(c.get("tasks"), "task_id")));
        return ids;
    }

    /** The board once {@code check} holds. */
    protected JsonNode awaitBoard(String projectId, Predicate<JsonNode> check) {
        return awaitBoard(projectId, "", check);
    }

    /** The board once it shows every change up to the given task version. */
    protected JsonNode boardAfter(String projectId, String taskId, long version) {
        task(taskId, version);
        return board(projectId);
    }

    /** Every timeline item matching the query (all pages). */
    protected List<JsonNode> timeline(String query) {
        List<JsonNode> items = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = api.get("/api/v1/timeline?limit=500" + (query.isEmpty() ? "" : "&" + query) + after)
                    .expect(200).data();
            page.get("items").forEach(items::add);
            if (page.get("next").isNull()) {
                return items;
            }
            after = "&after=" + page.get("next").asText();
        }
    }

    /** The project's timeline once it holds at least {@code count} items. */
    protected List<JsonNode> awaitTimeline(String projectId, int count) {
        List<List<JsonNode>> seen = new ArrayList<>(List.of(List.of()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            seen.set(0, timeline("project_id=" + projectId));
            assertThat(seen.get(0)).hasSizeGreaterThanOrEqualTo(count);
        });
        return seen.get(0);
    }

    /** The timeline items of the project once the event of this aggregate at this sequence is indexed. */
    protected List<JsonNode> awaitTimelineEvent(String projectId, String aggregateId, long sequence) {
        List<List<JsonNode>> seen = new ArrayList<>(List.of(List.of()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            seen.set(0, timeline("project_id=" + projectId));
            return seen.get(0).stream().anyMatch(e -> e.get("aggregate_id").asText().equals(aggregateId)
                    && e.get("sequence").asLong() == sequence);
        });
        return seen.get(0);
    }
}
