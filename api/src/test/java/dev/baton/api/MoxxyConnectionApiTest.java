package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.runner.moxxy.FakeMoxxy;
import dev.baton.runner.secret.LogCapture;
import dev.baton.runner.secret.PlaintextScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The moxxy connection through HTTP against a fake moxxy on loopback: verified before it is stored, the token sealed
 * and never answered, replaced and removed with its data key destroyed, and the plaintext token nowhere in the
 * database (tables, events) or the server's log.
 */
class MoxxyConnectionApiTest extends ApiTestBase {

    private static final String CONNECTION = "/api/v1/moxxy/connection";

    @Autowired
    private JdbcTemplate database;
    private final String token = "moxxy-internal-" + UUID.randomUUID();
    private FakeMoxxy moxxy;

    @BeforeEach
    void fake() {
        moxxy = FakeMoxxy.withToken(token);
        api.delete(CONNECTION); // one connection per owner: each test starts without one
    }

    @AfterEach
    void stopFake() {
        moxxy.close();
    }

    private String connectBody(String withToken) {
        return Json.obj("base_url", moxxy.baseUrl().toString(), "token", withToken, "token_kind", "internal");
    }

    /** Every data key ever made (a destroyed one keeps its row, without its material). */
    private long keysMade() {
        return database.queryForObject("select count(*) from secret_key", Long.class);
    }

    @Test
    void aVerifiedInstanceIsStoredAndItsTokenIsNeverAnswered() {
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            JsonNode connected = api.put(CONNECTION, connectBody(token)).expect(200).data();
            assertThat(connected.get("status").asText()).isEqualTo("connected");
            assertThat(moxxy.received()).anyMatch(request -> request.uri().equals("/api/agents")
                    && token.equals(request.header("X-Moxxy-Internal-Token")));

            JsonNode stored = api.get(CONNECTION + "?min_version=" + connected.get("version").asLong()).expect(200).data();
            assertThat(stored.get("base_url").asText()).isEqualTo(moxxy.baseUrl().toString().replaceAll("/$", ""));
            assertThat(stored.get("token_kind").asText()).isEqualTo("internal");
            assertThat(stored.get("verified_at").isNull()).isFalse();
            assertThat(stored.toString()).doesNotContain(token).doesNotContain("ciphertext").doesNotContain("key_id");

            JsonNode verified = api.post(CONNECTION + "/verify", null).expect(200).data();
            assertThat(verified.get("status").asText()).isEqualTo("connected");

            // the timeline, from its index and from the event store, shows the sealed token's key but not its bytes
            String connectionId = MoxxyConnectionIds.ofOwner("local");
            await().atMost(WAIT).until(() -> !timeline("type=MoxxyConnectedEvent").isEmpty());
            List<JsonNode> connects = timeline("type=MoxxyConnectedEvent");
            JsonNode sealed = connects.get(connects.size() - 1).get("payload").get("token");
            List<JsonNode> shown = new ArrayList<>(connects);
            shown.addAll(timeline("aggregate_id=" + connectionId));
            assertThat(sealed.get("key_id").asText()).isNotBlank();
            assertThat(shown).allSatisfy(item -> assertThat(item.get("payload").path("token").path("ciphertext")
                    .asText("***")).isEqualTo("***"));

            assertThat(new PlaintextScanner(database).findInTables(token)).as("tables, events included").isEmpty();
            assertThat(log.text()).as("the server's log, captured").contains("moxxy connection to");
            assertThat(log.text().lines().filter(line -> PlaintextScanner.contains(line, token)).toList())
                    .as("lines of the server's log with the token").isEmpty();
        }
    }

    @Test
    void aWrongTokenAnUnreachableInstanceOrSomethingElseIsRefusedAndNothingIsStored() {
        long keys = keysMade();
        JsonNode wrong = api.put(CONNECTION, connectBody("not-the-token")).expectError(502, "UPSTREAM_ERROR");
        assertThat(wrong.get("details").get("upstream_status").asInt()).isEqualTo(401);
        assertThat(wrong.toString()).doesNotContain("not-the-token");

        String elsewhere = Json.obj("base_url", "http://127.0.0.1:" + port, "token", token, "token_kind", "internal");
        assertThat(api.put(CONNECTION, elsewhere).expectError(502, "UPSTREAM_ERROR").get("details").get("reason")
                .asText()).isEqualTo("not_moxxy");

        moxxy.stop();
        assertThat(api.put(CONNECTION, connectBody(token)).expectError(502, "UPSTREAM_ERROR").get("details")
                .get("reason").asText()).isEqualTo("unreachable");

        api.get(CONNECTION).expectError(404, "NOT_FOUND");
        assertThat(keysMade()).as("no key sealed for a refused connection").isEqualTo(keys);
    }

    @Test
    void badInputIsRefusedWithItsField() {
        api.put(CONNECTION, Json.obj("base_url", "ftp://example.com", "token", token, "token_kind", "internal"))
                .expectError(400, "VALIDATION_FAILED");
        api.put(CONNECTION, Json.obj("base_url", moxxy.baseUrl().toString(), "token", token, "token_kind", "basic"))
                .expectError(400, "VALIDATION_FAILED");
        api.put(CONNECTION, "{\"base_url\": 7}").expectError(400, "VALIDATION_FAILED");
        api.put(CONNECTION, "{oops").expectError(400, "VALIDATION_FAILED");
        api.get(CONNECTION).expectError(404, "NOT_FOUND");
    }

    @Test
    void replacingOrRemovingTheConnectionDestroysTheOldTokensKey() {
        long version = api.put(CONNECTION, connectBody(token)).expect(200).data().get("version").asLong();
        api.get(CONNECTION + "?min_version=" + version).expect(200);
        String firstKey = database.queryForObject("select token_key_id from rm_moxxy_connection", String.class);

        long replaced = api.put(CONNECTION, connectBody(token)).expect(200).data().get("version").asLong();
        api.get(CONNECTION + "?min_version=" + replaced).expect(200);
        await().atMost(WAIT).until(() -> database.queryForObject(
                "select count(*) from secret_key where key_id = ? and wrapped_key is null", Long.class, firstKey) == 1);
        String secondKey = database.queryForObject("select token_key_id from rm_moxxy_connection", String.class);
        assertThat(secondKey).isNotEqualTo(firstKey);

        api.delete(CONNECTION).expect(200);
        await().atMost(WAIT).until(() -> database.queryForObject(
                "select count(*) from secret_key where key_id = ? and wrapped_key is null", Long.class, secondKey) == 1);
        await().atMost(WAIT).until(() -> api.get(CONNECTION).status() == 404);
        api.delete(CONNECTION).expectError(404, "NOT_FOUND");
        api.post(CONNECTION + "/verify", null).expectError(404, "NOT_FOUND");
    }
}
