package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad requests of every kind are refused with a precise envelope, never a 500, and leave nothing behind; concurrent
 * changes of one task are serialized without losing any.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends ApiTestBase {

    /** One project with one task, shared by the bad requests (which must leave both unchanged). */
    private String projectId;
    private String taskId;
    private JsonNode boardBefore;
    private int timelineBefore;

    @BeforeAll
    void fixtures() {
        api = new Api(base());
        projectId = createProject(uniqueName("Bad input"));
        taskId = createTask(projectId, Json.obj("title", "Target", "acceptance_criteria", List.of("one")));
        task(taskId, 0);
        boardBefore = board(projectId);
        timelineBefore = awaitTimeline(projectId, 2).size();
    }

    /**
     * After every bad request, the project's board and timeline are exactly as before. A marker task made in
     * another project proves that the projections have seen every event stored before it.
     */
    @AfterAll
    void nothingWasHalfApplied() {
        String marker = newTask(createProject(uniqueName("Marker")), "marker");
        task(marker, 0);
        await().atMost(WAIT).until(() -> !timeline("aggregate_id=" + marker).isEmpty());
        assertThat(board(projectId)).isEqualTo(boardBefore);
        assertThat(timeline("project_id=" + projectId)).hasSize(timelineBefore);
    }

    /** The position of the newest event in the store (synchronous: any projection's position plus its lag). */
    private long storeHead() {
        JsonNode board = api.get("/api/v1/admin/projections").expect(200).data().get(0);
        return board.get("position").asLong() + board.get("lag").asLong();
    }

    /**
     * A bad request: method, path (with {project} and {task}), body, content type, then the expected status, code and
     * fields ({@code null}: the answer need not name fields).
     */
    record Bad(String name, String method, String path, String body, String contentType, int status, String code,
               List<String> fields) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, String method, String path, String body, int status, String code, String... fields) {
        return new Bad(name, method, path, body, "application/json", status, code, fields.length == 0 ? null : List.of(fields));
    }

    static Stream<Arguments> badRequests() {
        String tasks = "/api/v1/projects/{project}/tasks";
        String task = "/api/v1/tasks/{task}";
        String project = "/api/v1/projects/{project}";
        String invalid = "VALIDATION_FAILED";
        return Stream.of(
                bad("malformed JSON", "POST", tasks, "{\"title\": \"x\"", 400, invalid),
                bad("malformed JSON in a patch", "PATCH", task, "{\"title\" \"x\"}", 400, invalid),
                bad("trailing data after the JSON", "POST", tasks, "{\"title\": \"x\"} {\"title\": \"y\"}", 400, invalid),
                bad("a JSON array instead of an object", "PATCH", task, "[]", 400, invalid),
                bad("priority as text", "POST", tasks, "{\"title\": \"x\", \"priority\": \"high\"}", 400, invalid, "priority"),
                bad("priority as a fraction", "PATCH", task, "{\"priority\": 1.5}", 400, invalid, "priority"),
                bad("priority as a numeric string", "PATCH", task, "{\"priority\": \"1\"}", 400, invalid, "priority"),
                bad("title as a number", "POST", tasks, "{\"title\": 42}", 400, invalid, "title"),
                bad("title as a number in a patch", "PATCH", task, "{\"title\": 42}", 400, invalid, "title"),
                bad("title as a boolean", "PATCH", task, "{\"title\": true}", 400, invalid, "title"),
                bad("labels as a string", "PATCH", task, "{\"labels\": \"bug\"}", 400, invalid, "labels"),
                bad("a label as a number", "POST", tasks, "{\"title\": \"x\", \"labels\": [7]}", 400, invalid, "labels[0]"),
                bad("estimate as text", "PATCH", task, "{\"estimate\": \"big\"}", 400, invalid, "estimate"),
                bad("expected_version as text", "PATCH", task, "{\"title\": \"x\", \"expected_version\": \"v1\"}", 400, invalid,
                        "expected_version"),
                bad("an unknown field", "POST", tasks, "{\"title\": \"x\", \"colour\": \"red\"}", 400, invalid, "colour"),
                bad("an unknown field in a patch", "PATCH", task, "{\"assignee\": \"bob\"}", 400, invalid, "assignee"),
                bad("an unknown nested field", "PATCH", project, "{\"columns\": [{\"id\": \"a\", \"name\": \"A\", \"x\": 1}]}",
                        400, invalid, "columns[0].x"),
                bad("an unknown field in budgets", "PATCH", project, "{\"budgets\": {\"max_money\": 5}}", 400, invalid,
                        "budgets.max_money"),
                bad("a budget as text", "PATCH", project, "{\"budgets\": {\"max_tokens\": \"lots\"}}", 400, invalid,
                        "budgets.max_tokens"),
                bad("a column name as a number", "PATCH", project, "{\"columns\": [{\"id\": \"a\", \"name\": 5}]}", 400,
                        invalid, "columns[0].name"),
                bad("an empty body", "POST", tasks, "", 400, invalid),
                bad("no body at all", "PATCH", task, null, 400, invalid),
                bad("a 100 KB title", "PATCH", task, Json.obj("title", "t".repeat(100_000)), 400, invalid, "title"),
                bad("a move to a column given as a number", "POST", task + "/move", "{\"column\": 3}", 400, invalid, "column"),
                bad("a move with an unknown field", "POST", task + "/move", "{\"column\": \"todo\", \"position\": 1}", 400,
                        invalid, "position"),
                bad("a checklist mark with done as text", "POST", task + "/checklist/0", "{\"done\": \"yes\"}", 400, invalid,
                        "done"),
                bad("a checklist index that is not a number", "POST", task + "/checklist/first", "{\"done\": true}", 400,
                        invalid, "index"),
                new Bad("a body that is not JSON", "POST", tasks, "title=x", "application/x-www-form-urlencoded", 400, invalid,
                        null),
                new Bad("a text/plain body", "PATCH", task, "{\"title\": \"x\"}", "text/plain", 400, invalid, null),
                bad("a 2 MB body", "POST", tasks, Json.obj("title", "x", "description", "d".repeat(2 * 1024 * 1024)), 413,
                        invalid),
                bad("an unknown route", "GET", "/api/v1/no-such-thing", null, 404, "NOT_FOUND"),
                bad("an unknown route under a project", "POST", project + "/frobnicate", "{}", 404, "NOT_FOUND"),
                bad("limit=0", "GET", "/api/v1/projects?limit=0", null, 400, invalid, "limit"),
                bad("limit=501", "GET", "/api/v1/projects?limit=501", null, 400, invalid, "limit"),
                bad("limit=abc", "GET", "/api/v1/agents?limit=abc", null, 400, invalid, "limit"),
                bad("after=-1", "GET", "/api/v1/projects?after=-1", null, 400, invalid, "after"),
                bad("after=abc", "GET", "/api/v1/agents?after=abc", null, 400, invalid, "after"),
                bad("timeline limit=501", "GET", "/api/v1/timeline?limit=501", null, 400, invalid, "limit"),
                bad("min_version=abc", "GET", task + "?min_version=abc", null, 400, invalid, "min_version"),
                bad("min_version=-1", "GET", task + "?min_version=-1", null, 400, invalid, "min_version"),
                bad("include_archived=maybe", "GET", "/api/v1/projects?include_archived=maybe", null, 400, invalid,
                        "include_archived"),
                bad("as_of=yesterday", "GET", project + "/board?as_of=yesterday", null, 400, invalid, "as_of"),
                bad("a provider key with accounts off", "PUT", "/api/v1/me/provider-keys/OPENAI_API_KEY",
                        "{\"value\": \"sk-local-123456\"}", 409, "INVALID_STATE"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsRefusedWithAnEnvelopeAndStoresNothing(Bad bad) {
        long headBefore = storeHead();
        String path = bad.path().replace("{project}", projectId).replace("{task}", taskId);

        Api.Response answer = api.send(bad.method(), path, bad.body(), bad.contentType());

        assertThat(answer.status()).as("status of %s: %s", bad, answer.text()).isEqualTo(bad.status());
        JsonNode error = answer.expectError(bad.status(), bad.code());
        if (bad.fields() != null) {
            assertThat(Json.texts(error.get("details").get("fields"))).as("fields of %s", bad)
                    .containsExactlyElementsOf(bad.fields());
        }
        assertThat(storeHead()).as("no event was stored").isEqualTo(headBefore);
    }

    @Test
    void theIdOfAnotherKindOfThingIsAnUnknownId() {
        api.patch("/api/v1/agents/" + projectId, Json.obj("model", "x")).expectError(404, "NOT_FOUND");
        api.delete("/api/v1/agents/" + taskId).expectError(404, "NOT_FOUND");
        api.post("/api/v1/tasks/" + projectId + "/move", Json.obj("column", "todo")).expectError(404, "NOT_FOUND");
    }

    @Test
    void aPathThatClimbsOutIsRefusedWithAnEnvelope() {
        for (String path : List.of("/api/v1/tasks/../projects", "/api/v1/tasks/%2e%2e/move", "/api/v1/tasks/a%2Fb",
                "/api/v1/tasks/a%00b")) {
            Api.Response answer = api.get(path);
            assertThat(answer.status()).as(path).isBetween(400, 404);
            assertThat(answer.json().get("ok").asBoolean()).as(path).isFalse();
        }
    }

    @Test
    void aWrongMethodIsRefusedWithAnEnvelope() {
        Api.Response answer = api.send("PUT", "/api/v1/projects/" + projectId, "{}");

        assertThat(answer.status()).isEqualTo(405);
        JsonNode json = answer.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("error").get("code").asText()).isNotBlank();
        assertThat(json.get("error").get("message").asText()).contains("PUT");
        api.send("DELETE", "/api/v1/timeline", null).expect(405);
    }

    @Test
    void concurrentChangesOfOneTaskAreSerializedWithoutLosingAny() throws Exception {
        String target = createTask(createProject(uniqueName("Contended")), Json.obj("title", "Contended"));
        task(target, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<List<Api.Response>>> workers = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            workers.add(() -> {
                Api client = new Api(base());
                List<Api.Response> answers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    answers.add(client.patch("/api/v1/tasks/" + target, Json.obj("labels", List.of("t" + t + "-" + i))));
                    if (i % 3 == 0) {
                        answers.add(client.post("/api/v1/tasks/" + target + "/move",
                                Json.obj("column", (t + i) % 2 == 0 ? "todo" : "in_progress")));
                    }
                }
                return answers;
            });
        }
        List<Api.Response> answers = new ArrayList<>();
        try {
            for (Future<List<Api.Response>> future : pool.invokeAll(workers, 60, TimeUnit.SECONDS)) {
                answers.addAll(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSize(8 * (10 + 4));
        List<Long> versions = new ArrayList<>();
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.text()).isIn(200, 409);
            if (answer.status() == 409) {
                answer.expectError(409, "CONFLICT");
            } else {
                versions.add(answer.data().get("version").asLong());
            }
        }
        assertThat(versions).as("every accepted change got its own version").doesNotHaveDuplicates();
        JsonNode task = task(target, versions.size());
        assertThat(task.get("version").asLong()).isEqualTo(versions.size());
        assertThat(Set.copyOf(versions)).isEqualTo(Set.copyOf(LongStream.rangeClosed(1, versions.size())
                .boxed().toList()));
        List<JsonNode> history = new ArrayList<>();
        api.get("/api/v1/aggregates/Task/" + target + "/history").expect(200).data().get("items").forEach(history::add);
        assertThat(history).hasSize(versions.size() + 1);
    }

    /**
     * Concurrent commands on different projects commit out of order, which leaves gaps in the store's positions
     * that later commits fill: every event must still reach the timeline and the board, each at its own position.
     */
    @Test
    void concurrentWritesToDifferentProjectsAllReachTheTimelineAndTheBoards() throws Exception {
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            projects.add(createProject(uniqueName("Parallel " + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<List<String>>> writers = new ArrayList<>();
        for (String project : projects) {
            writers.add(() -> {
                Api client = new Api(base());
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String id = client.post("/api/v1/projects/" + project + "/tasks", Json.obj("title", "p" + i))
                            .expect(201).data().get("task_id").asText();
                    client.post("/api/v1/tasks/" + id + "/move", Json.obj("column", "todo")).expect(200);
                    ids.add(id);
                }
                return ids;
            });
        }
        List<List<String>> created = new ArrayList<>();
        try {
            for (Future<List<String>> future : pool.invokeAll(writers, 60, TimeUnit.SECONDS)) {
                created.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            List<String> ids = created.get(i);
            List<JsonNode> items = awaitTimeline(projects.get(i), 1 + 2 * ids.size());
            assertThat(items).hasSize(1 + 2 * ids.size());
            items.forEach(item -> positions.add(item.get("position").asLong()));
            assertThat(columnIds(awaitBoard(projects.get(i), b -> columnIds(b, "todo").size() == ids.size()), "todo"))
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(positions).doesNotHaveDuplicates();
    }

    /** Cards created at the same moment still get distinct places, so a card can be moved between any two of them. */
    @Test
    void cardsCreatedConcurrentlyInOneColumnCanEachBeMovedBetween() throws Exception {
        String board = createProject(uniqueName("Concurrent cards"));
        project(board, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> creations = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = i;
            creations.add(() -> new Api(base()).post("/api/v1/projects/" + board + "/tasks",
                    Json.obj("title", "card " + n, "column", "todo")).expect(201).data().get("task_id").asText());
        }
        List<String> ids = new ArrayList<>();
        try {
            for (Future<String> future : pool.invokeAll(creations, 60, TimeUnit.SECONDS)) {
                ids.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode shown = awaitBoard(board, b -> columnIds(b, "todo").size() == ids.size());
        List<String> order = columnIds(shown, "todo");
        assertThat(order).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Json.texts(columnOf(shown, "todo").get("tasks"), "rank")).doesNotHaveDuplicates();

        String mover = newTask(board, "mover");
        long version = 0;
        for (int i = 0; i + 1 < order.size(); i++) {
            // refused with 400 if the two neighbours shared a rank
            version = move(mover, Json.obj("column", "todo", "after_task_id", order.get(i), "before_task_id", order.get(i + 1)));
        }
        List<String> now = columnIds(boardAfter(board, mover, version), "todo");
        assertThat(now.indexOf(mover)).isEqualTo(order.size() - 1);
        assertThat(now).last().isEqualTo(order.get(order.size() - 1));
    }
}
