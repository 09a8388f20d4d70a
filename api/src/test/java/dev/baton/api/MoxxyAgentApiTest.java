package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.runner.moxxy.FakeMoxxy;
import dev.baton.runner.secret.PlaintextScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** moxxy's agents, vault, orchestrator config and templates through Baton's API, against the fake moxxy. */
class MoxxyAgentApiTest extends ApiTestBase {

    private static final String AGENTS = "/api/v1/moxxy/agents";

    @Autowired
    private JdbcTemplate database;
    private FakeMoxxy moxxy;

    @BeforeEach
    void connected() {
        String token = "tok-" + UUID.randomUUID();
        moxxy = FakeMoxxy.withToken(token);
        long version = api.put("/api/v1/moxxy/connection", Json.obj("base_url", moxxy.baseUrl().toString(),
                "token", token, "token_kind", "internal")).expect(200).data().get("version").asLong();
        api.get("/api/v1/moxxy/connection?min_version=" + version).expect(200);
    }

    @AfterEach
    void stopFake() {
        moxxy.close();
    }

    @Test
    void agentsAreListedCreatedRestartedAndDeleted() {
        moxxy.addAgent("default");
        assertThat(Json.texts(api.get(AGENTS).expect(200).data().get("items"), null)).contains("default");

        api.post(AGENTS, Json.obj("name", "builder", "description", "Builds things", "runtime_type", "native"))
                .expect(201);
        assertThat(moxxy.agents()).contains("builder");
        api.post(AGENTS + "/builder/restart", null).expect(200);
        JsonNode twice = api.post(AGENTS, Json.obj("name", "builder", "description", "again"))
                .expectError(502, "UPSTREAM_ERROR");
        assertThat(twice.get("message").asText()).contains("moxxy");
        assertThat(twice.get("details").get("upstream_status").asInt()).isEqualTo(200);
        api.delete(AGENTS + "/builder").expect(200);
        assertThat(moxxy.agents()).doesNotContain("builder");
        api.post(AGENTS, Json.obj("description", "nameless")).expectError(400, "VALIDATION_FAILED");
    }

    @Test
    void aVaultValueReachesMoxxyAndIsStoredNowhereInBaton() {
        moxxy.addAgent("builder");
        String value = "ghp_" + UUID.randomUUID();
        JsonNode answer = api.post(AGENTS + "/builder/vault", Json.obj("key", "GITHUB_TOKEN", "value", value))
                .expect(200).data();
        assertThat(answer.toString()).doesNotContain(value);
        assertThat(moxxy.vaultValue("builder", "GITHUB_TOKEN")).isEqualTo(value);
        assertThat(new PlaintextScanner(database).findInTables(value)).isEmpty();
        api.post(AGENTS + "/builder/vault", Json.obj("key", "GITHUB_TOKEN")).expectError(400, "VALIDATION_FAILED");
    }

    @Test
    void theOrchestratorConfigAndTemplatesAreProxied() {
        moxxy.addAgent("builder");
        JsonNode config = api.get(AGENTS + "/builder/orchestrate/config").expect(200).data();
        assertThat(config.get("default_worker_mode").asText()).isEqualTo("mixed");
        JsonNode changed = api.post(AGENTS + "/builder/orchestrate/config", Json.obj("default_template_id", "simple",
                "default_worker_mode", "existing", "default_max_parallelism", 3, "default_retry_limit", 2,
                "default_failure_policy", "fail_fast", "default_merge_policy", "manual_approval",
                "parallelism_warn_threshold", 4)).expect(200).data();
        assertThat(changed.get("default_worker_mode").asText()).isEqualTo("existing");

        assertThat(Json.texts(api.get(AGENTS + "/builder/orchestrate/templates").expect(200).data().get("items"),
                "template_id")).contains("simple");
        Map<String, Object> builder = Json.map("role", "builder", "persona", "Builds", "provider", "openai",
                "model", "gpt-4o", "runtime_type", "native", "image_profile", "base");
        api.post(AGENTS + "/builder/orchestrate/templates", Json.obj("template_id", "tpl-kanban", "name", "Kanban",
                "description", "Backlog batches", "default_worker_mode", "ephemeral", "default_max_parallelism", 2,
                "spawn_profiles", List.of(builder))).expect(201);
        assertThat(api.patch(AGENTS + "/builder/orchestrate/templates/tpl-kanban", Json.obj("name", "Kanban 2"))
                .expect(200).data().get("name").asText()).isEqualTo("Kanban 2");
        api.delete(AGENTS + "/builder/orchestrate/templates/tpl-kanban").expect(200);
        api.get(AGENTS + "/builder/orchestrate/templates/tpl-kanban").expectError(502, "UPSTREAM_ERROR");
        api.post(AGENTS + "/builder/orchestrate/config", "{\"default_worker_mode\": \"sometimes\"}")
                .expectError(400, "VALIDATION_FAILED");
    }

    @Test
    void withoutAConnectionTheProxyRefusesToGuess() {
        api.delete("/api/v1/moxxy/connection").expect(200);
        await().atMost(WAIT).until(() -> api.get("/api/v1/moxxy/connection").status() == 404);
        api.get(AGENTS).expectError(409, "INVALID_STATE");
    }
}
