package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.runner.secret.LogCapture;
import dev.baton.runner.secret.PlaintextScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provider keys through HTTP (seed 004): stored sealed and listed by name only, each user's own, given to the agents
 * of the user who started the attempt and to no one else's, and hidden in everything those agents print or write:
 * log lines, output artifacts, the diff. The plaintext is then nowhere in the database, events included, nor in the
 * server's log.
 */
class ProviderKeysApiTest extends AuthIntegrationTest {

    private static final String KEYS = "/api/v1/me/provider-keys";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate database;

    private Api ann;
    private Api ben;
    private String annName;
    private String annId;
    private String openAiKey;

    @BeforeEach
    void twoUsers() {
        annName = uniqueName("ann");
        String benName = uniqueName("ben");
        annId = createUser(annName, "ann-password-1");
        createUser(benName, "ben-password-1");
        ann = withToken(token(signIn(annName, "ann-password-1"), "ann's"));
        ben = signIn(benName, "ben-password-1");
        openAiKey = "sk-proj-" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void cancelUnfinishedAttempts() {
        await().atMost(WAIT).until(() -> {
            List<String> active = database.queryForList("select attempt_id from runner_attempt where phase <> 'DONE'",
                    String.class);
            active.forEach(id -> api.post("/api/v1/attempts/" + id + "/cancel", null));
            return active.isEmpty();
        });
    }

    @Test
    void keysAreListedByNameOnlyAndAReplacedOrRemovedValueCanNeverBeOpenedAgain() {
        JsonNode set = ann.put(KEYS + "/OPENAI_API_KEY", Json.obj("value", "  " + openAiKey + "\n")).expect(200).data();
        assertThat(set.get("name").asText()).isEqualTo("OPENAI_API_KEY");
        assertThat(set.get("updated_at").isNull()).isFalse();
        assertThat(set.toString()).doesNotContain(openAiKey);
        String firstKeyId = storedKeyId("OPENAI_API_KEY");

        ann.put(KEYS + "/ANTHROPIC_API_KEY", Json.obj("value", "sk-ant-api03-" + UUID.randomUUID())).expect(200);
        JsonNode listed = ann.get(KEYS).expect(200).data();
        assertThat(Json.texts(listed.get("items"), "name")).containsExactly("ANTHROPIC_API_KEY", "OPENAI_API_KEY");
        assertThat(listed.get("items").get(1).fieldNames()).toIterable().containsExactlyInAnyOrder("name",
                "updated_at");

        ann.put(KEYS + "/OPENAI_API_KEY", Json.obj("value", "sk-proj-second-" + UUID.randomUUID())).expect(200);
        assertThat(storedKeyId("OPENAI_API_KEY")).isNotEqualTo(firstKeyId);
        await().atMost(WAIT).until(() -> destroyed(firstKeyId));

        String secondKeyId = storedKeyId("OPENAI_API_KEY");
        assertThat(ann.delete(KEYS + "/OPENAI_API_KEY").expect(200).data().get("status").asText())
                .isEqualTo("removed");
        await().atMost(WAIT).until(() -> destroyed(secondKeyId));
        assertThat(Json.texts(ann.get(KEYS).expect(200).data().get("items"), "name"))
                .containsExactly("ANTHROPIC_API_KEY");
        ann.delete(KEYS + "/OPENAI_API_KEY").expectError(404, "NOT_FOUND");
    }

    @Test
    void aBadNameOrValueIsRefusedAndNothingIsSealed() {
        long keys = keysMade();
        String sneaky = "sk-typed-without-quotes-123456";
        List<String[]> refused = List.of(
                new String[]{"openai_api_key", Json.obj("value", openAiKey), "name"},
                new String[]{"PATH", Json.obj("value", openAiKey), "name"},
                new String[]{"BATON_MASTER_KEY", Json.obj("value", openAiKey), "name"},
                new String[]{"LD_PRELOAD", Json.obj("value", openAiKey), "name"},
                new String[]{"CLAUDE_CONFIG_DIR", Json.obj("value", openAiKey), "name"},
                new String[]{"X", Json.obj("value", openAiKey), "name"},
                new String[]{"OPENAI_API_KEY", Json.obj("value", "short"), "value"},
                new String[]{"OPENAI_API_KEY", Json.obj("value", "   "), "value"},
                new String[]{"OPENAI_API_KEY", "{}", "value"},
                new String[]{"OPENAI_API_KEY", Json.obj("value", "sk-line-one\nsk-line-two"), "value"},
                new String[]{"OPENAI_API_KEY", Json.obj("value", "k".repeat(8193)), "value"},
                new String[]{"OPENAI_API_KEY", Json.obj("value", 12345678), "value"},
                new String[]{"OPENAI_API_KEY", "{\"value\": " + sneaky + "}", null});
        for (String[] bad : refused) {
            JsonNode error = ann.put(KEYS + "/" + bad[0], bad[1]).expectError(400, "VALIDATION_FAILED");
            if (bad[2] != null) {
                assertThat(Json.texts(error.get("details").get("fields"))).as(bad[0] + " " + bad[1])
                        .containsExactly(bad[2]);
            }
            assertThat(error.toString()).doesNotContain(openAiKey).doesNotContain(sneaky);
        }
        assertThat(keysMade()).as("no data key was made for a refused value").isEqualTo(keys);
        assertThat(ann.get(KEYS).expect(200).data().get("items")).isEmpty();
    }

    @Test
    void eachUserSeesAndChangesOnlyTheirOwnKeys() {
        ann.put(KEYS + "/OPENAI_API_KEY", Json.obj("value", openAiKey)).expect(200);

        assertThat(ben.get(KEYS).expect(200).data().get("items")).isEmpty();
        ben.delete(KEYS + "/OPENAI_API_KEY").expectError(404, "NOT_FOUND");
        anonymous().get(KEYS).expectError(401, "UNAUTHORIZED");
        anonymous().put(KEYS + "/OPENAI_API_KEY", Json.obj("value", "sk-anonymous-123")).expectError(401,
                "UNAUTHORIZED");
        assertThat(Json.texts(ann.get(KEYS).expect(200).data().get("items"), "name")).containsExactly("OPENAI_API_KEY");
    }

    @Test
    void theKeyReachesOnlyTheStartersAgentAndIsHiddenInEverythingItPrints() throws Exception {
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            ann.put(KEYS + "/OPENAI_API_KEY", Json.obj("value", openAiKey)).expect(200);
            String script = "printf 'length %s\\n' \"${#OPENAI_API_KEY}\";"
                    + " printf 'sha %s\\n' \"$(printf %s \"$OPENAI_API_KEY\" | sha256sum | cut -c1-64)\";"
                    + " echo \"plain $OPENAI_API_KEY\"; echo \"{\\\"error\\\":\\\"bad key $OPENAI_API_KEY\\\"}\" >&2;"
                    + " echo hello > hello.txt";

            String annAttempt = attempt(ann, project(ann), agent(ann, script));
            JsonNode attempt = awaitAttempt(ann, annAttempt, "review_ready");
            List<String> lines = logLines(ann, annAttempt);
            assertThat(lines).contains("length " + openAiKey.length(), "sha " + sha256(openAiKey), "plain ***",
                    "{\"error\":\"bad key ***\"}");
            for (String name : List.of("agent-stdout", "agent-stderr", "diff")) {
                assertThat(artifact(annAttempt, name)).as(name).doesNotContain(openAiKey);
            }
            assertThat(artifact(annAttempt, "agent-stdout")).contains("plain " + "*".repeat(openAiKey.length()));
            assertThat(attempt.toString()).doesNotContain(openAiKey);

            String benAttempt = attempt(ben, project(ben), agent(ben, script));
            awaitAttempt(ben, benAttempt, "review_ready");
            assertThat(logLines(ben, benAttempt)).as("ben has no key: his agent gets none of ann's")
                    .contains("length 0", "plain ");

            assertThat(new PlaintextScanner(database).findInTables(openAiKey)).as("tables, events included").isEmpty();
            assertThat(log.text().lines().filter(line -> PlaintextScanner.contains(line, openAiKey)).toList())
                    .as("lines of the server's log with the key").isEmpty();
        }
    }

    @Test
    void anAgentThatWritesTheKeyIntoTheRepositoryFailsAndTheDiffHidesIt() {
        ann.put(KEYS + "/OPENAI_API_KEY", Json.obj("value", openAiKey)).expect(200);
        String agent = agent(ann, "printf 'OPENAI_API_KEY=%s\\n' \"$OPENAI_API_KEY\" > .env.local; echo done");

        String attemptId = attempt(ann, project(ann), agent);
        JsonNode failed = awaitAttempt(ann, attemptId, "failed");

        assertThat(failed.get("failure_reason").asText()).contains("OPENAI_API_KEY", "provider key")
                .doesNotContain(openAiKey);
        String diff = artifact(attemptId, "diff");
        assertThat(diff).contains("+OPENAI_API_KEY=" + "*".repeat(openAiKey.length())).doesNotContain(openAiKey);
        assertThat(new PlaintextScanner(database).findInTables(openAiKey)).isEmpty();
    }

    private String artifact(String attemptId, String name) {
        Api.Response artifact = ann.get("/api/v1/attempts/" + attemptId + "/artifacts/" + name);
        assertThat(artifact.status()).as("status of artifact %s: %s", name, artifact.text()).isEqualTo(200);
        return artifact.text();
    }

    private static String agent(Api as, String script) {
        return as.post("/api/v1/agents", Json.obj("name", uniqueName("Key reader"), "adapter", "command",
                "command", List.of("bash", "-c", script))).expect(201).data().get("agent_profile_id").asText();
    }

    private static String project(Api as) {
        return as.post("/api/v1/projects", Json.obj("name", uniqueName("keys"), "local_path",
                        GitRepos.create().toString(), "bot_identity", Map.of("name", "Bot", "email", "bot@baton.test")))
                .expect(201).data().get("project_id").asText();
    }

    private static String attempt(Api as, String projectId, String agent) {
        String taskId = as.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "Use the key"))
                .expect(201).data().get("task_id").asText();
        return as.post("/api/v1/tasks/" + taskId + "/attempts", Json.obj("agent_profile_id", agent)).expect(201)
                .data().get("attempt_id").asText();
    }

    private static JsonNode awaitAttempt(Api as, String attemptId, String status) {
        JsonNode[] attempt = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Response answer = as.get("/api/v1/attempts/" + attemptId);
            attempt[0] = answer.status() == 200 ? answer.data() : null;
            return attempt[0] != null && attempt[0].get("status").asText().equals(status);
        });
        return attempt[0];
    }

    private static List<String> logLines(Api as, String attemptId) {
        return Json.list(as.get("/api/v1/attempts/" + attemptId + "/logs?limit=500").expect(200).data().get("items"))
                .stream().filter(m -> m.get("event").get("kind").asText().equals("LOG"))
                .map(m -> m.get("event").get("payload").path("message").asText()).toList();
    }

    private String storedKeyId(String name) {
        return database.queryForObject("select key_id from acc_provider_key where user_id = ? and name = ?",
                String.class, annId, name);
    }

    private boolean destroyed(String keyId) {
        return Boolean.TRUE.equals(database.queryForObject("select destroyed_at is not null from secret_key where"
                + " key_id = ?", Boolean.class, keyId));
    }

    private long keysMade() {
        return database.queryForObject("select count(*) from secret_key", Long.class);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
