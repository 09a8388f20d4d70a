package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator's hold on accounts through HTTP: making one an administrator and back, and disabling one, which
 * shuts it out at once (its session and tokens refused, no sign-in) until it is enabled again with new credentials.
 */
class UserAccessApiTest extends AuthIntegrationTest {

    private static final String PASSWORD = "user-password-1";
    private String name;
    private String userId;

    @BeforeEach
    void aUser() {
        name = uniqueName("uma");
        userId = createUser(name, PASSWORD);
    }

    @Test
    void aDisabledAccountIsShutOutAtOnceAndLetInAgainWithNewCredentials() {
        Api session = signIn(name, PASSWORD);
        Api script = withToken(token(session, "ci"));

        JsonNode disabled = api.patch("/api/v1/users/" + name, Json.obj("disabled", true)).expect(200).data();
        assertThat(disabled.get("disabled").asBoolean()).isTrue();

        session.get("/api/v1/auth/me").expectError(401, "UNAUTHORIZED");
        script.get("/api/v1/auth/me").expectError(401, "UNAUTHORIZED");
        JsonNode refused = anonymous().post("/api/v1/auth/sessions", Json.obj("username", name, "password", PASSWORD))
                .expectError(403, "FORBIDDEN");
        assertThat(refused.get("message").asText()).contains("disabled");
        anonymous().post("/api/v1/auth/sessions", Json.obj("username", name, "password", "a-wrong-guess"))
                .expectError(401, "UNAUTHORIZED");
        assertThat(user(name).orElseThrow().get("disabled").asBoolean()).isTrue();

        api.patch("/api/v1/users/" + userId, Json.obj("disabled", false)).expect(200);
        script.get("/api/v1/auth/me").expectError(401, "UNAUTHORIZED"); // its tokens stay revoked
        signIn(name, PASSWORD).get("/api/v1/auth/me").expect(200);
    }

    @Test
    void anAccountIsMadeAnAdministratorAndBack() {
        Api user = withToken(token(signIn(name, PASSWORD), "t"));
        user.get("/api/v1/users").expectError(403, "FORBIDDEN");
        user.patch("/api/v1/users/admin", Json.obj("disabled", true)).expectError(403, "FORBIDDEN");

        api.patch("/api/v1/users/" + name, Json.obj("is_admin", true)).expect(200);
        user.get("/api/v1/users").expect(200);
        user.patch("/api/v1/users/" + name, Json.obj("is_admin", false)).expectError(409, "INVALID_STATE");

        api.patch("/api/v1/users/" + name, Json.obj("is_admin", false)).expect(200);
        user.get("/api/v1/users").expectError(403, "FORBIDDEN");
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        api.patch("/api/v1/users/no-such-user", Json.obj("disabled", true)).expectError(404, "NOT_FOUND");
        api.patch("/api/v1/users/admin", Json.obj("disabled", true)).expectError(409, "INVALID_STATE");
        api.patch("/api/v1/users/" + name, Json.obj("disabled", "yes")).expectError(400, "VALIDATION_FAILED");
        api.patch("/api/v1/users/" + name, Json.obj("colour", "red")).expectError(400, "VALIDATION_FAILED");
        assertThat(user(name).orElseThrow().get("disabled").asBoolean()).isFalse();
        signIn(name, PASSWORD).get("/api/v1/auth/me").expect(200);
    }

    private Optional<JsonNode> user(String username) {
        return Json.list(api.get("/api/v1/users?limit=500").expect(200).data().get("items")).stream()
                .filter(u -> u.get("username").asText().equals(username)).findFirst();
    }
}
