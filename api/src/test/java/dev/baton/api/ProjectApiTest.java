package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ProjectApiTest extends ApiTestBase {

    private static final String PROJECTS = "/api/v1/projects";

    private String localPath() {
        return GitRepos.create().toString();
    }

    private String create(String json) {
        return api.post(PROJECTS, json).expect(201).data().get("project_id").asText();
    }

    private long patch(String projectId, String json) {
        return api.patch(PROJECTS + "/" + projectId, json).expect(200).data().get("version").asLong();
    }

    /** The position of the event that created a project, from the timeline: a list cursor just before it. */
    private long creationPosition(String projectId) {
        List<JsonNode> created = awaitTimeline(projectId, 1);
        assertThat(created.get(0).get("type").asText()).isEqualTo("ProjectCreatedEvent");
        return created.get(0).get("position").asLong();
    }

    private List<String> listIds(String query) {
        return Json.texts(api.get(PROJECTS + query).expect(200).data().get("items"), "project_id");
    }

    @Test
    void createAnswers201WithTheNewIdAndVersion0() {
        var answer = api.post(PROJECTS, Json.obj("name", uniqueName("Created"), "local_path", localPath()));

        JsonNode data = answer.expect(201).data();
        assertThat(UUID.fromString(data.get("project_id").asText())).isNotNull();
        assertThat(data.get("version").asLong()).isZero();
    }

    @Test
    void aNewProjectHasTheDefaultBranchAndTheFiveDefaultColumns() {
        String name = uniqueName("Defaults");
        String path = localPath();
        String id = create(Json.obj("name", name, "local_path", path));

        JsonNode project = project(id, 0);
        assertThat(project.get("project_id").asText()).isEqualTo(id);
        assertThat(project.get("name").asText()).isEqualTo(name);
        assertThat(project.get("local_path").asText()).isEqualTo(path);
        assertThat(project.get("repo_url").isNull()).isTrue();
        assertThat(project.get("default_branch").asText()).isEqualTo("main");
        assertThat(Json.texts(project.get("columns"), "id")).containsExactly("backlog", "todo", "in_progress", "review", "done");
        assertThat(Json.texts(project.get("columns"), "name")).containsExactly("Backlog", "To Do", "In Progress", "Review", "Done");
        assertThat(project.get("archived").asBoolean()).isFalse();
        assertThat(project.get("version").asLong()).isZero();
        assertThat(project.has("latest_plan_version")).isTrue();
    }

    @Test
    void aProjectKeepsEveryCustomSetting() {
        String id = create("""
                {"name": "%s", "vision": "ship it", "repo_url": "https://example.com/acme/widgets.git",
                 "default_branch": "develop", "commands": {"install": "npm ci", "test": "npm test", "lint": "npm run lint"},
                 "columns": [{"id": "ideas", "name": "Ideas"}, {"id": "doing", "name": "Doing"}, {"id": "shipped", "name": "Shipped"}],
                 "budgets": {"max_runtime_seconds": 600, "max_attempts_per_hour": 4, "max_tokens": 100000, "max_parallel_attempts": 2},
                 "bot_identity": {"name": "Widget Bot", "email": "bot@example.com"}}
                """.formatted(uniqueName("Custom")));

        JsonNode project = project(id, 0);
        assertThat(project.get("vision").asText()).isEqualTo("ship it");
        assertThat(project.get("repo_url").asText()).isEqualTo("https://example.com/acme/widgets.git");
        assertThat(project.get("local_path").isNull()).isTrue();
        assertThat(project.get("default_branch").asText()).isEqualTo("develop");
        assertThat(project.get("commands").get("test").asText()).isEqualTo("npm test");
        assertThat(Json.texts(project.get("columns"), "id")).containsExactly("ideas", "doing", "shipped");
        assertThat(Json.texts(project.get("columns"), "name")).containsExactly("Ideas", "Doing", "Shipped");
        assertThat(project.get("budgets").get("max_tokens").asLong()).isEqualTo(100000);
        assertThat(project.get("budgets").get("max_parallel_attempts").asInt()).isEqualTo(2);
        assertThat(project.get("bot_identity").get("email").asText()).isEqualTo("bot@example.com");
        assertThat(columnIds(board(id), "ideas")).isEmpty();
    }

    @Test
    void theListPagesWithLimitAndTheAfterCursorInCreationOrder() {
        String first = createProject(uniqueName("Page A"));
        String second = createProject(uniqueName("Page B"));
        String third = createProject(uniqueName("Page C"));
        long cursor = creationPosition(first) - 1;
        project(third, 0);

        JsonNode page = api.get(PROJECTS + "?limit=2&after=" + cursor).expect(200).data();
        assertThat(Json.texts(page.get("items"), "project_id")).containsExactly(first, second);
        assertThat(page.get("next").isNull()).isFalse();

        JsonNode next = api.get(PROJECTS + "?limit=2&after=" + page.get("next").asText()).expect(200).data();
        assertThat(Json.texts(next.get("items"), "project_id")).first().isEqualTo(third);
    }

    @Test
    void theLastPageHasNoNextCursor() {
        String last = createProject(uniqueName("Last"));
        long cursor = creationPosition(last) - 1;
        project(last, 0);

        JsonNode page = api.get(PROJECTS + "?limit=500&after=" + cursor).expect(200).data();

        assertThat(Json.texts(page.get("items"), "project_id")).contains(last);
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void archivedProjectsAreListedOnlyWithIncludeArchived() {
        String kept = createProject(uniqueName("Kept"));
        String archived = createProject(uniqueName("Archived"));
        long cursor = creationPosition(kept) - 1;
        long version = api.delete(PROJECTS + "/" + archived).expect(200).data().get("version").asLong();
        project(archived, version);

        assertThat(listIds("?after=" + cursor)).contains(kept).doesNotContain(archived);
        assertThat(listIds("?include_archived=true&after=" + cursor)).containsSubsequence(kept, archived);
    }

    @Test
    void getOneCountsTheTasksOfEveryColumn() {
        String id = createProject(uniqueName("Counts"));
        newTask(id, "one");
        newTask(id, "two");
        String third = newTask(id, "three", "todo");
        task(third, 0);
        awaitBoard(id, board -> allIds(board).size() == 3);

        JsonNode counts = project(id, 0).get("counts");

        assertThat(counts.get("backlog").asLong()).isEqualTo(2);
        assertThat(counts.get("todo").asLong()).isEqualTo(1);
        assertThat(counts.get("in_progress").asLong()).isZero();
        assertThat(counts.get("review").asLong()).isZero();
        assertThat(counts.get("done").asLong()).isZero();
    }

    @Test
    void minVersionAnswersTheProjectOnceItShowsThatVersion() {
        String id = createProject(uniqueName("Read own write"));
        String renamed = uniqueName("Renamed");

        long version = patch(id, Json.obj("name", renamed));

        assertThat(version).isEqualTo(1);
        JsonNode project = project(id, version);
        assertThat(project.get("name").asText()).isEqualTo(renamed);
        assertThat(project.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void minVersionThatIsNeverReachedAnswersTimeoutAfterFiveSeconds() {
        String id = createProject(uniqueName("Timeout"));
        long started = System.nanoTime();

        api.get(PROJECTS + "/" + id + "?min_version=99").expectError(504, "TIMEOUT");

        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(4_500L, 9_000L);
    }

    @Test
    void patchChangesTheGivenFieldsAndKeepsTheOthers() {
        String path = localPath();
        String id = create(Json.obj("name", uniqueName("Before"), "local_path", path));
        String name = uniqueName("After");

        long version = patch(id, """
                {"name": "%s", "vision": "a clearer vision", "default_branch": "trunk",
                 "commands": {"test": "make test"}, "budgets": {"max_attempts_per_hour": 3},
                 "bot_identity": {"name": "Helper", "email": "helper@example.org"},
                 "columns": [{"id": "backlog", "name": "Ideas"}, {"id": "todo", "name": "To Do"}, {"id": "in_progress", "name": "Doing"},
                             {"id": "review", "name": "Review"}, {"id": "done", "name": "Done"}, {"id": "archive", "name": "Archive"}]}
                """.formatted(name));

        JsonNode project = project(id, version);
        assertThat(project.get("name").asText()).isEqualTo(name);
        assertThat(project.get("vision").asText()).isEqualTo("a clearer vision");
        assertThat(project.get("default_branch").asText()).isEqualTo("trunk");
        assertThat(project.get("commands").get("test").asText()).isEqualTo("make test");
        assertThat(project.get("budgets").get("max_attempts_per_hour").asInt()).isEqualTo(3);
        assertThat(project.get("bot_identity").get("name").asText()).isEqualTo("Helper");
        assertThat(Json.texts(project.get("columns"), "name")).containsExactly("Ideas", "To Do", "Doing", "Review", "Done", "Archive");
        assertThat(project.get("local_path").asText()).isEqualTo(path);
    }

    @Test
    void patchWithoutAnyChangeKeepsTheVersion() {
        String name = uniqueName("Same");
        String id = create(Json.obj("name", name, "local_path", localPath()));

        assertThat(patch(id, Json.obj("name", name))).isZero();
    }

    @Test
    void switchingFromLocalPathToRepoUrlClearsTheLocalPath() {
        String id = createProject(uniqueName("Switch"));

        long version = patch(id, Json.obj("repo_url", "git@github.com:acme/widgets.git"));

        JsonNode project = project(id, version);
        assertThat(project.get("repo_url").asText()).isEqualTo("git@github.com:acme/widgets.git");
        assertThat(project.get("local_path").isNull()).isTrue();
    }

    @Test
    void switchingFromRepoUrlToLocalPathClearsTheRepoUrl() {
        String id = create(Json.obj("name", uniqueName("Switch back"), "repo_url", "https://example.com/a.git"));
        String path = localPath();

        long version = patch(id, Json.obj("local_path", path));

        JsonNode project = project(id, version);
        assertThat(project.get("local_path").asText()).isEqualTo(path);
        assertThat(project.get("repo_url").isNull()).isTrue();
    }

    @Test
    void patchWithBothRepositoryLocationsIsRefused() {
        String id = createProject(uniqueName("Both"));

        JsonNode error = api.patch(PROJECTS + "/" + id, Json.obj("repo_url", "https://example.com/a.git",
                "local_path", localPath())).expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactlyInAnyOrder("repo_url", "local_path");
    }

    @Test
    void deleteArchivesTheProject() {
        String id = createProject(uniqueName("To archive"));

        JsonNode answer = api.delete(PROJECTS + "/" + id).expect(200).data();

        assertThat(answer.get("archived").asBoolean()).isTrue();
        assertThat(answer.get("version").asLong()).isEqualTo(1);
        assertThat(project(id, 1).get("archived").asBoolean()).isTrue();
    }

    @Test
    void anArchivedProjectRefusesChangesWithInvalidState() {
        String id = createProject(uniqueName("Read-only"));
        String taskId = newTask(id, "existing");
        api.delete(PROJECTS + "/" + id).expect(200);

        api.patch(PROJECTS + "/" + id, Json.obj("name", "new name")).expectError(409, "INVALID_STATE");
        api.post(PROJECTS + "/" + id + "/tasks", Json.obj("title", "new task")).expectError(409, "INVALID_STATE");
        api.patch("/api/v1/tasks/" + taskId, Json.obj("title", "edited")).expectError(409, "INVALID_STATE");
        api.post("/api/v1/tasks/" + taskId + "/move", Json.obj("column", "todo")).expectError(409, "INVALID_STATE");
        api.delete(PROJECTS + "/" + id).expectError(409, "INVALID_STATE");
    }

    @Test
    void anArchivedProjectsHistoryAndBoardStayReadable() {
        String id = createProject(uniqueName("History stays"));
        String taskId = newTask(id, "kept card");
        api.delete(PROJECTS + "/" + id).expect(200);
        project(id, 1);

        JsonNode history = api.get("/api/v1/aggregates/Project/" + id + "/history").expect(200).data();
        assertThat(Json.texts(history.get("items"), "type")).containsExactly("ProjectCreatedEvent", "ProjectArchivedEvent");
        assertThat(columnIds(board(id), "backlog")).containsExactly(taskId);
        assertThat(task(taskId, 0).get("title").asText()).isEqualTo("kept card");
        assertThat(Json.texts(awaitTimeline(id, 3), "type")).contains("ProjectArchivedEvent");
    }

    @Test
    void validateOnARealRepositoryPasses() {
        String id = create(Json.obj("name", uniqueName("Valid"), "local_path", localPath(),
                "commands", Json.map("test", "sh -c true")));

        JsonNode result = api.post(PROJECTS + "/" + id + "/validate", null).expect(200).data();

        assertThat(result.get("ok").asBoolean()).as("%s", result).isTrue();
        Map<String, JsonNode> checks = checksByName(result);
        assertThat(checks).containsKeys("repository", "branch", "command:test");
        checks.values().forEach(check -> {
            assertThat(check.get("ok").asBoolean()).isTrue();
            assertThat(check.get("message").asText()).isNotBlank();
        });
        assertThat(project(id, result.get("version").asLong()).get("last_validation").get("ok").asBoolean()).isTrue();
    }

    @Test
    void validateOnAPathThatDoesNotExistFailsTheRepositoryCheck() {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "baton-missing-" + UUID.randomUUID());
        String id = create(Json.obj("name", uniqueName("Missing path"), "local_path", missing.toString()));

        JsonNode result = api.post(PROJECTS + "/" + id + "/validate", null).expect(200).data();

        assertThat(result.get("ok").asBoolean()).isFalse();
        JsonNode repository = checksByName(result).get("repository");
        assertThat(repository.get("ok").asBoolean()).isFalse();
        assertThat(repository.get("message").asText()).contains(missing.toString());
        assertThat(checksByName(result).get("branch").get("ok").asBoolean()).isFalse();
    }

    @Test
    void validateWithAMissingBranchFailsTheBranchCheck() {
        String id = create(Json.obj("name", uniqueName("Missing branch"), "local_path", localPath(),
                "default_branch", "release"));

        JsonNode result = api.post(PROJECTS + "/" + id + "/validate", null).expect(200).data();

        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(checksByName(result).get("repository").get("ok").asBoolean()).isTrue();
        JsonNode branch = checksByName(result).get("branch");
        assertThat(branch.get("ok").asBoolean()).isFalse();
        assertThat(branch.get("message").asText()).contains("release").contains("main");
    }

    @Test
    void validateWithAMissingCommandFailsThatCommandsCheck() {
        String id = create(Json.obj("name", uniqueName("Missing command"), "local_path", localPath(),
                "commands", Json.map("lint", "no-such-linter-" + UUID.randomUUID() + " --strict")));

        JsonNode result = api.post(PROJECTS + "/" + id + "/validate", null).expect(200).data();

        assertThat(result.get("ok").asBoolean()).isFalse();
        JsonNode lint = checksByName(result).get("command:lint");
        assertThat(lint.get("ok").asBoolean()).isFalse();
        assertThat(lint.get("message").asText()).contains("no-such-linter");
    }

    private static Map<String, JsonNode> checksByName(JsonNode result) {
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        result.get("checks").forEach(check -> checks.put(check.get("name").asText(), check));
        return checks;
    }

    static Stream<Arguments> invalidProjects() {
        String path = "/tmp/some-repo";
        return Stream.of(
                arguments("missing name", Json.obj("local_path", path), List.of("name")),
                arguments("blank name", Json.obj("name", "   ", "local_path", path), List.of("name")),
                arguments("name of 100 KB", Json.obj("name", "n".repeat(100_000), "local_path", path), List.of("name")),
                arguments("both repo_url and local_path", Json.obj("name", "x", "local_path", path,
                        "repo_url", "https://example.com/a.git"), List.of("repo_url", "local_path")),
                arguments("neither repo_url nor local_path", Json.obj("name", "x"), List.of("repo_url", "local_path")),
                arguments("relative local_path", Json.obj("name", "x", "local_path", "repos/widgets"), List.of("local_path")),
                arguments("repo_url that is not a git URL", Json.obj("name", "x", "repo_url", "widgets please"), List.of("repo_url")),
                arguments("invalid default_branch", Json.obj("name", "x", "local_path", path, "default_branch", "bad..name"),
                        List.of("default_branch")),
                arguments("column id with spaces", Json.obj("name", "x", "local_path", path,
                        "columns", List.of(Json.map("id", "To Do", "name", "To Do"))), List.of("columns")),
                arguments("column id in upper case", Json.obj("name", "x", "local_path", path,
                        "columns", List.of(Json.map("id", "TODO", "name", "To Do"))), List.of("columns")),
                arguments("column without a name", Json.obj("name", "x", "local_path", path,
                        "columns", List.of(Json.map("id", "todo"))), List.of("columns")),
                arguments("duplicate column ids", Json.obj("name", "x", "local_path", path,
                        "columns", List.of(Json.map("id", "todo", "name", "A"), Json.map("id", "todo", "name", "B"))),
                        List.of("columns")),
                arguments("no columns", Json.obj("name", "x", "local_path", path, "columns", List.of()), List.of("columns")),
                arguments("negative max_tokens", Json.obj("name", "x", "local_path", path,
                        "budgets", Json.map("max_tokens", -5)), List.of("budgets.max_tokens")),
                arguments("zero max_runtime_seconds", Json.obj("name", "x", "local_path", path,
                        "budgets", Json.map("max_runtime_seconds", 0)), List.of("budgets.max_runtime_seconds")),
                arguments("negative max_parallel_attempts", Json.obj("name", "x", "local_path", path,
                        "budgets", Json.map("max_parallel_attempts", -1)), List.of("budgets.max_parallel_attempts")),
                arguments("bot email without @", Json.obj("name", "x", "local_path", path,
                        "bot_identity", Json.map("name", "Bot", "email", "bot.example.com")), List.of("bot_identity.email")),
                arguments("bot without a name", Json.obj("name", "x", "local_path", path,
                        "bot_identity", Json.map("email", "bot@example.com")), List.of("bot_identity.name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProjects")
    void anInvalidProjectIsRefusedNamingTheFields(String description, String body, List<String> fields) {
        JsonNode error = api.post(PROJECTS, body).expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void anInvalidPatchIsRefusedAndChangesNothing() {
        String name = uniqueName("Unchanged");
        String id = create(Json.obj("name", name, "local_path", localPath()));

        JsonNode error = api.patch(PROJECTS + "/" + id, Json.obj("name", "new",
                "columns", List.of(Json.map("id", "a", "name", "A"), Json.map("id", "a", "name", "B"))))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(Json.texts(error.get("details").get("fields"))).containsExactly("columns");
        JsonNode project = project(id, 0);
        assertThat(project.get("name").asText()).isEqualTo(name);
        assertThat(project.get("version").asLong()).isZero();
    }

    @Test
    void anUnknownProjectIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        api.get(PROJECTS + "/" + unknown).expectError(404, "NOT_FOUND");
        api.patch(PROJECTS + "/" + unknown, Json.obj("name", "x")).expectError(404, "NOT_FOUND");
        api.delete(PROJECTS + "/" + unknown).expectError(404, "NOT_FOUND");
        api.post(PROJECTS + "/" + unknown + "/validate", null).expectError(404, "NOT_FOUND");
        api.get(PROJECTS + "/" + unknown + "/board").expectError(404, "NOT_FOUND");
        api.post(PROJECTS + "/" + unknown + "/tasks", Json.obj("title", "x")).expectError(404, "NOT_FOUND");
        api.get(PROJECTS + "/not-a-uuid").expectError(404, "NOT_FOUND");
    }

    @Test
    void removingAColumnThatStillHoldsTasksIsRefused() {
        String id = create(Json.obj("name", uniqueName("Occupied"), "local_path", localPath(),
                "columns", List.of(Json.map("id", "todo", "name", "To Do"), Json.map("id", "done", "name", "Done"))));
        newTask(id, "still here", "todo");

        JsonNode error = api.patch(PROJECTS + "/" + id, Json.obj("columns", List.of(Json.map("id", "done", "name", "Done"))))
                .expectError(409, "INVALID_STATE");

        assertThat(Json.texts(error.get("details").get("columns"))).containsExactly("todo");
        assertThat(Json.texts(project(id, 0).get("columns"), "id")).containsExactly("todo", "done");
    }

    @Test
    void removingAnEmptyColumnIsAllowed() {
        String id = create(Json.obj("name", uniqueName("Empty column"), "local_path", localPath(),
                "columns", List.of(Json.map("id", "todo", "name", "To Do"), Json.map("id", "later", "name", "Later"))));
        newTask(id, "in todo", "todo");

        long version = patch(id, Json.obj("columns", List.of(Json.map("id", "todo", "name", "To Do"))));

        assertThat(Json.texts(project(id, version).get("columns"), "id")).containsExactly("todo");
    }
}
