package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Passwords through HTTP: a user changes theirs with the current one (their other sessions end, the one that asked
 * and their API tokens stay), an administrator sets anyone's (all their sessions end); bad input changes nothing.
 */
class PasswordApiTest extends AuthIntegrationTest {

    private static final String OLD = "old-password-1";
    private static final String NEW = "new-password-2";
    private String name;
    private String userId;

    @BeforeEach
    void aUser() {
        name = uniqueName("pat");
        userId = createUser(name, OLD);
    }

    @Test
    void aUserChangesTheirPasswordAndTheirOtherSessionsEnd() {
        Api laptop = signIn(name, OLD);
        Api phone = signIn(name, OLD);
        Api script = withToken(token(laptop, "ci"));

        JsonNode wrong = laptop.put("/api/v1/auth/password", Json.obj("current_password", "not-it-at-all",
                "new_password", NEW)).expectError(400, "VALIDATION_FAILED");
        assertThat(Json.texts(wrong.get("details").get("fields"))).containsExactly("current_password");
        JsonNode tooShort = laptop.put("/api/v1/auth/password", Json.obj("current_password", OLD, "new_password",
                "short")).expectError(400, "VALIDATION_FAILED");
        assertThat(Json.texts(tooShort.get("details").get("fields"))).containsExactly("new_password");
        laptop.put("/api/v1/auth/password", "{\"current_password\": ").expectError(400, "VALIDATION_FAILED");
        phone.get("/api/v1/auth/me").expect(200);

        laptop.put("/api/v1/auth/password", Json.obj("current_password", OLD, "new_password", NEW)).expect(200);

        laptop.get("/api/v1/auth/me").expect(200);
        phone.get("/api/v1/auth/me").expectError(401, "UNAUTHORIZED");
        script.get("/api/v1/auth/me").expect(200);
        anonymous().post("/api/v1/auth/sessions", Json.obj("username", name, "password", OLD))
                .expectError(401, "UNAUTHORIZED");
        signIn(name, NEW).get("/api/v1/auth/me").expect(200);
    }

    @Test
    void anAdministratorSetsAnyonesPasswordAndEndsAllTheirSessions() {
        Api session = signIn(name, OLD);
        String otherName = uniqueName("pam");
        createUser(otherName, OLD);
        Api other = signIn(otherName, OLD);

        other.put("/api/v1/users/" + userId + "/password", Json.obj("new_password", NEW)).expectError(403,
                "FORBIDDEN");
        api.put("/api/v1/users/no-such-user/password", Json.obj("new_password", NEW)).expectError(404, "NOT_FOUND");
        api.put("/api/v1/users/" + userId + "/password", Json.obj("new_password", "short")).expectError(400,
                "VALIDATION_FAILED");
        session.get("/api/v1/auth/me").expect(200);

        api.put("/api/v1/users/" + name + "/password", Json.obj("new_password", NEW)).expect(200);

        session.get("/api/v1/auth/me").expectError(401, "UNAUTHORIZED");
        signIn(name, NEW).get("/api/v1/auth/me").expect(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !timeline(userId, "PasswordChangedEvent").isEmpty());
        assertThat(timeline(userId, "PasswordChangedEvent")).allSatisfy(event -> assertThat(event.get("payload")
                .get("password_hash").asText()).isEqualTo("***"));
    }

    private List<JsonNode> timeline(String aggregateId, String type) {
        return Json.list(api.get("/api/v1/timeline?limit=500&aggregate_id=" + aggregateId + "&type=" + type)
                .expect(200).data().get("items"));
    }
}
