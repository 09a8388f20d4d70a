package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AgentProfileApiTest extends ApiTestBase {

    private static final String AGENTS = "/api/v1/agents";

    private String create(String json) {
        return api.post(AGENTS, json).expect(201).data().get("agent_profile_id").asText();
    }

    private JsonNode profile(String id, long version) {
        return api.get(AGENTS + "/" + id + "?min_version=" + version).expect(200).data();
    }

    private long patch(String id, String json) {
        return api.patch(AGENTS + "/" + id, json).expect(200).data().get("version").asLong();
    }

    private static List<String> fields(JsonNode error) {
        return Json.texts(error.get("details").get("fields"));
    }

    @ParameterizedTest(name = "adapter {0}")
    @ValueSource(strings = {"codex", "claude-code", "opencode", "gemini", "moxxy"})
    void aProfileCanUseEveryAgentAdapter(String adapter) {
        String name = uniqueName(adapter);

        JsonNode created = api.post(AGENTS, Json.obj("name", name, "adapter", adapter)).expect(201).data();

        assertThat(created.get("version").asLong()).isZero();
        JsonNode profile = profile(created.get("agent_profile_id").asText(), 0);
        assertThat(profile.get("name").asText()).isEqualTo(name);
        assertThat(profile.get("adapter").asText()).isEqualTo(adapter);
        assertThat(profile.get("role").asText()).as("default role").isEqualTo("generic");
        assertThat(profile.get("command")).isEmpty();
        assertThat(profile.get("env")).isEmpty();
    }

    @Test
    void theCommandAdapterRunsTheGivenArgv() {
        String id = create(Json.obj("name", uniqueName("script"), "adapter", "command",
                "command", List.of("/usr/bin/env", "bash", "-c", "echo \"$BATON_PROMPT\"")));

        JsonNode profile = profile(id, 0);

        assertThat(profile.get("adapter").asText()).isEqualTo("command");
        assertThat(Json.texts(profile.get("command"))).containsExactly("/usr/bin/env", "bash", "-c", "echo \"$BATON_PROMPT\"");
    }

    @Test
    void aProfileKeepsEverySetting() {
        String id = create(Json.obj("name", uniqueName("Full"), "adapter", "codex", "model", "gpt-5-codex",
                "command", List.of("codex", "--full-auto"), "env", Json.map("RUST_LOG", "info", "HOME_DIR", "/tmp"),
                "role", "reviewer", "limits", Json.map("max_runtime_seconds", 900, "max_tokens", 200000, "max_cost_usd", 2.5)));

        JsonNode profile = profile(id, 0);

        assertThat(profile.get("agent_profile_id").asText()).isEqualTo(id);
        assertThat(profile.get("model").asText()).isEqualTo("gpt-5-codex");
        assertThat(Json.texts(profile.get("command"))).containsExactly("codex", "--full-auto");
        assertThat(profile.get("env").get("RUST_LOG").asText()).isEqualTo("info");
        assertThat(profile.get("env").get("HOME_DIR").asText()).isEqualTo("/tmp");
        assertThat(profile.get("role").asText()).isEqualTo("reviewer");
        assertThat(profile.get("limits").get("max_runtime_seconds").asLong()).isEqualTo(900);
        assertThat(profile.get("limits").get("max_tokens").asLong()).isEqualTo(200000);
        assertThat(profile.get("limits").get("max_cost_usd").asDouble()).isEqualTo(2.5);
    }

    @Test
    void theListPagesWithLimitAndTheAfterCursorInCreationOrder() {
        String first = create(Json.obj("name", uniqueName("List A"), "adapter", "gemini"));
        String second = create(Json.obj("name", uniqueName("List B"), "adapter", "gemini"));
        profile(second, 0);
        long[] created = new long[1];
        await().atMost(WAIT).until(() -> {
            List<JsonNode> events = timeline("aggregate_id=" + first);
            events.stream().findFirst().ifPresent(e -> created[0] = e.get("position").asLong());
            return !events.isEmpty();
        });

        JsonNode page = api.get(AGENTS + "?limit=1&after=" + (created[0] - 1)).expect(200).data();
        JsonNode next = api.get(AGENTS + "?limit=1&after=" + page.get("next").asText()).expect(200).data();

        assertThat(Json.texts(page.get("items"), "agent_profile_id")).containsExactly(first);
        assertThat(Json.texts(next.get("items"), "agent_profile_id")).containsExactly(second);
    }

    @Test
    void theCommandAdapterNeedsACommand() {
        JsonNode error = api.post(AGENTS, Json.obj("name", uniqueName("no argv"), "adapter", "command"))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(fields(error)).containsExactly("command");
    }

    @Test
    void anEnvironmentVariableThatLooksLikeASecretIsRefused() {
        for (String secret : List.of("OPENAI_API_KEY", "GITHUB_TOKEN", "db_password")) {
            JsonNode error = api.post(AGENTS, Json.obj("name", uniqueName("secret"), "adapter", "codex",
                    "env", Json.map(secret, "sk-123"))).expectError(400, "VALIDATION_FAILED");

            assertThat(fields(error)).as(secret).containsExactly("env");
            assertThat(error.get("message").asText()).contains(secret).doesNotContain("sk-123");
        }
    }

    @Test
    void aDuplicateNameIgnoringCaseIsAConflict() {
        String name = uniqueName("Unique");
        create(Json.obj("name", name, "adapter", "codex"));

        JsonNode error = api.post(AGENTS, Json.obj("name", name.toUpperCase(), "adapter", "gemini")).expectError(409, "CONFLICT");

        assertThat(fields(error)).containsExactly("name");
    }

    @Test
    void renamingToATakenNameIsAConflict() {
        String taken = uniqueName("Taken");
        create(Json.obj("name", taken, "adapter", "codex"));
        String id = create(Json.obj("name", uniqueName("Other"), "adapter", "codex"));

        api.patch(AGENTS + "/" + id, Json.obj("name", " " + taken.toLowerCase() + " ")).expectError(409, "CONFLICT");
    }

    @Test
    void anUnknownAdapterIsRefused() {
        JsonNode error = api.post(AGENTS, Json.obj("name", uniqueName("bad adapter"), "adapter", "skynet"))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(fields(error)).containsExactly("adapter");
        assertThat(error.get("message").asText()).contains("claude-code");
    }

    @Test
    void anUnknownRoleIsRefused() {
        JsonNode error = api.post(AGENTS, Json.obj("name", uniqueName("bad role"), "adapter", "codex", "role", "overlord"))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(fields(error)).containsExactly("role");
    }

    @Test
    void otherInvalidProfilesAreRefusedNamingTheField() {
        assertThat(fields(api.post(AGENTS, Json.obj("adapter", "codex")).expectError(400, "VALIDATION_FAILED")))
                .containsExactly("name");
        assertThat(fields(api.post(AGENTS, Json.obj("name", uniqueName("x"))).expectError(400, "VALIDATION_FAILED")))
                .containsExactly("adapter");
        assertThat(fields(api.post(AGENTS, Json.obj("name", uniqueName("x"), "adapter", "codex",
                "limits", Json.map("max_cost_usd", -1))).expectError(400, "VALIDATION_FAILED")))
                .containsExactly("limits.max_cost_usd");
        assertThat(fields(api.post(AGENTS, Json.obj("name", uniqueName("x"), "adapter", "codex",
                "env", Json.map("NOT VALID", "x"))).expectError(400, "VALIDATION_FAILED")))
                .containsExactly("env");
    }

    @Test
    void patchChangesTheGivenFieldsAndKeepsTheOthers() {
        String id = create(Json.obj("name", uniqueName("Patched"), "adapter", "codex", "model", "small",
                "env", Json.map("MODE", "fast")));
        String renamed = uniqueName("Renamed");

        long version = patch(id, Json.obj("name", renamed, "model", "large", "role", "builder"));

        JsonNode profile = profile(id, version);
        assertThat(version).isEqualTo(1);
        assertThat(profile.get("name").asText()).isEqualTo(renamed);
        assertThat(profile.get("model").asText()).isEqualTo("large");
        assertThat(profile.get("role").asText()).isEqualTo("builder");
        assertThat(profile.get("adapter").asText()).isEqualTo("codex");
        assertThat(profile.get("env").get("MODE").asText()).isEqualTo("fast");
    }

    @Test
    void patchToTheCommandAdapterWithoutACommandIsRefused() {
        String id = create(Json.obj("name", uniqueName("Switcher"), "adapter", "codex"));

        JsonNode error = api.patch(AGENTS + "/" + id, Json.obj("adapter", "command")).expectError(400, "VALIDATION_FAILED");

        assertThat(fields(error)).containsExactly("command");
        assertThat(profile(id, 0).get("adapter").asText()).isEqualTo("codex");
    }

    @Test
    void aDeletedProfileIsGone() {
        String name = uniqueName("Deleted");
        String id = create(Json.obj("name", name, "adapter", "opencode"));
        profile(id, 0);

        JsonNode deleted = api.delete(AGENTS + "/" + id).expect(200).data();

        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> api.get(AGENTS + "/" + id).status() == 404);
        api.get(AGENTS + "/" + id).expectError(404, "NOT_FOUND");
        api.patch(AGENTS + "/" + id, Json.obj("model", "x")).expectError(404, "NOT_FOUND");
        api.delete(AGENTS + "/" + id).expectError(404, "NOT_FOUND");
        create(Json.obj("name", name, "adapter", "opencode"));
    }

    @Test
    void anUnknownProfileIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        api.get(AGENTS + "/" + unknown).expectError(404, "NOT_FOUND");
        api.patch(AGENTS + "/" + unknown, Json.obj("model", "x")).expectError(404, "NOT_FOUND");
        api.delete(AGENTS + "/" + unknown).expectError(404, "NOT_FOUND");
    }

    @Test
    void aCardShowsTheNameOfItsAgentProfile() {
        String projectId = createProject(uniqueName("Agents board"));
        String name = uniqueName("Builder");
        String agent = create(Json.obj("name", name, "adapter", "claude-code", "role", "builder"));
        profile(agent, 0);
        String taskId = newTask(projectId, "Assigned later");

        long version = patchTask(taskId, Json.obj("agent_profile_id", agent));

        JsonNode card = card(boardAfter(projectId, taskId, version), taskId).orElseThrow();
        assertThat(card.get("agent_profile_id").asText()).isEqualTo(agent);
        assertThat(card.get("agent_name").asText()).isEqualTo(name);
        assertThat(task(taskId, version).get("agent_name").asText()).isEqualTo(name);
    }

    @Test
    void aCardFollowsARenameOfItsAgentProfile() {
        String projectId = createProject(uniqueName("Agents board"));
        String agent = create(Json.obj("name", uniqueName("Old name"), "adapter", "gemini"));
        String taskId = createTask(projectId, Json.obj("title", "Assigned", "agent_profile_id", agent));
        String renamed = uniqueName("New name");

        profile(agent, patch(agent, Json.obj("name", renamed)));

        task(taskId, 0);
        assertThat(card(board(projectId), taskId).orElseThrow().get("agent_name").asText()).isEqualTo(renamed);
    }

    @Test
    void aCardOfADeletedProfileShowsNoAgentName() {
        String projectId = createProject(uniqueName("Agents board"));
        String name = uniqueName("Leaving");
        String agent = create(Json.obj("name", name, "adapter", "moxxy"));
        profile(agent, 0);
        String taskId = createTask(projectId, Json.obj("title", "Orphaned", "agent_profile_id", agent));
        assertThat(task(taskId, 0).get("agent_name").asText()).isEqualTo(name);

        api.delete(AGENTS + "/" + agent).expect(200);

        JsonNode board = awaitBoard(projectId, b -> card(b, taskId).orElseThrow().get("agent_name").isNull());
        JsonNode orphan = card(board, taskId).orElseThrow();
        assertThat(orphan.get("agent_profile_id").asText()).isEqualTo(agent);
        assertThat(task(taskId, 0).get("agent_name").isNull()).isTrue();
    }

    @Test
    void aTaskCannotBeAssignedToADeletedProfile() {
        String projectId = createProject(uniqueName("Agents board"));
        String agent = create(Json.obj("name", uniqueName("Gone"), "adapter", "codex"));
        api.delete(AGENTS + "/" + agent).expect(200);

        JsonNode error = api.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "x", "agent_profile_id", agent))
                .expectError(400, "VALIDATION_FAILED");

        assertThat(fields(error)).containsExactly("agent_profile_id");
    }
}
