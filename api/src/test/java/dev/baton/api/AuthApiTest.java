package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.runner.secret.LogCapture;
import dev.baton.runner.secret.PlaintextScanner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accounts through HTTP on a server with accounts on: signing in and out with the session cookie and its CSRF
 * token, personal API tokens (shown once, revoked at once), accounts managed by admins, teams, and the audit trail.
 */
class AuthApiTest extends AuthIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private JdbcTemplate database;

    @Test
    void aSessionSignsInWithACookieAndEveryWriteNeedsItsCsrfToken() {
        Api.Response answer = anonymous().post("/api/v1/auth/sessions",
                Json.obj("username", "Admin", "password", ADMIN_PASSWORD)).expect(200);
        String cookie = sessionCookie(answer);
        String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(answer.data().get("username").asText()).isEqualTo("admin");
        String csrf = answer.data().get("csrf_token").asText();

        Api session = anonymous().header("Cookie", cookie);
        JsonNode me = session.get("/api/v1/auth/me").expect(200).data();
        assertThat(me.get("username").asText()).isEqualTo("admin");
        assertThat(me.get("is_admin").asBoolean()).isTrue();
        assertThat(me.get("csrf_token").asText()).as("a reloaded page gets its CSRF token again").isEqualTo(csrf);

        String body = Json.obj("name", uniqueName("csrf"), "local_path", GitRepos.create().toString());
        session.post("/api/v1/projects", body).expectError(403, "FORBIDDEN");
        anonymous().header("Cookie", cookie).header("X-CSRF-Token", "wrong").post("/api/v1/projects", body)
                .expectError(403, "FORBIDDEN");
        session.header("X-CSRF-Token", csrf).post("/api/v1/projects", body).expect(201);

        session.delete("/api/v1/auth/sessions/current").expect(200);
        anonymous().header("Cookie", cookie).get("/api/v1/projects").expectError(401, "UNAUTHORIZED");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        JsonNode wrong = anonymous().post("/api/v1/auth/sessions",
                Json.obj("username", "admin", "password", "not-the-password")).expectError(401, "UNAUTHORIZED");
        JsonNode unknown = anonymous().post("/api/v1/auth/sessions",
                Json.obj("username", "nobody-" + UUID.randomUUID(), "password", "whatever-it-is")).expectError(401,
                "UNAUTHORIZED");
        assertThat(unknown).isEqualTo(wrong);
        anonymous().post("/api/v1/auth/sessions", Json.obj("username", "admin")).expectError(400, "VALIDATION_FAILED");
        anonymous().post("/api/v1/auth/sessions", "{not json").expectError(400, "VALIDATION_FAILED");
    }

    @Test
    void aTokenIsShownOnceListedWithoutItselfAndStopsWorkingTheMomentItIsRevoked() {
        JsonNode created = api.post("/api/v1/auth/tokens", Json.obj("name", "ci",
                "expires_at", Instant.now().plus(Duration.ofDays(30)).toString())).expect(201).data();
        String token = created.get("token").asText();
        assertThat(token).startsWith("baton_");
        String tokenId = created.get("token_id").asText();

        Api ci = withToken(token);
        ci.get("/api/v1/projects").expect(200);
        JsonNode listed = tokenOf(tokenId);
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(listed.get("name").asText()).isEqualTo("ci");
        assertThat(listed.get("last_used_at").isNull()).as("the use is noted").isFalse();

        ci.delete("/api/v1/auth/tokens/" + tokenId).expect(200);
        ci.get("/api/v1/projects").expectError(401, "UNAUTHORIZED");
        api.delete("/api/v1/auth/tokens/" + tokenId).expectError(409, "INVALID_STATE");
        assertThat(api.get("/api/v1/auth/tokens").expect(200).data().get("items").toString()).doesNotContain(tokenId);

        assertThat(new PlaintextScanner(database).findInTables(token)).as("tables, events included").isEmpty();
    }

    @Test
    void aTokenCannotExpireInThePastNorBeNamedNothing() {
        api.post("/api/v1/auth/tokens", Json.obj("name", "old", "expires_at", "2020-01-01T00:00:00Z"))
                .expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/auth/tokens", Json.obj("name", " ")).expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/auth/tokens", "{}").expectError(400, "VALIDATION_FAILED");
        api.post("/api/v1/auth/tokens", Json.obj("name", "x", "expires_at", "tomorrow"))
                .expectError(400, "VALIDATION_FAILED");
    }

    @Test
    void someoneElsesTokenDoesNotExistForYou() {
        String name = uniqueName("eve");
        createUser(name, "eve-password-1");
        Api eve = signIn(name, "eve-password-1");
        JsonNode adminsToken = api.post("/api/v1/auth/tokens", Json.obj("name", "mine")).expect(201).data();
        eve.delete("/api/v1/auth/tokens/" + adminsToken.get("token_id").asText()).expectError(404, "NOT_FOUND");
        withToken(adminsToken.get("token").asText()).get("/api/v1/auth/me").expect(200);
    }

    @Test
    void onlyAnAdminManagesAccountsAndAPasswordIsNeverStoredOrLogged() {
        String name = uniqueName("bob");
        String password = "bob-password-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            String bobId = createUser(name, password);
            Api bob = signIn(name, password);
            JsonNode me = bob.get("/api/v1/auth/me").expect(200).data();
            assertThat(me.get("user_id").asText()).isEqualTo(bobId);
            assertThat(me.get("is_admin").asBoolean()).isFalse();
            bob.get("/api/v1/users").expectError(403, "FORBIDDEN");
            bob.get("/api/v1/admin/projections").expectError(403, "FORBIDDEN");
            bob.post("/api/v1/admin/projections/board/replay", null).expectError(403, "FORBIDDEN");
            api.get("/api/v1/admin/projections").expect(200);
            bob.post("/api/v1/users", Json.obj("username", uniqueName("x"), "password", "long-enough-1"))
                    .expectError(403, "FORBIDDEN");

            api.post("/api/v1/users", Json.obj("username", name, "password", "another-password"))
                    .expectError(409, "CONFLICT");
            api.post("/api/v1/users", Json.obj("username", uniqueName("c"), "password", "short"))
                    .expectError(400, "VALIDATION_FAILED");
            api.post("/api/v1/users", Json.obj("username", "no spaces", "password", "long-enough-1"))
                    .expectError(400, "VALIDATION_FAILED");
            api.post("/api/v1/users", Json.obj("username", uniqueName("d"), "password", "long-enough-1", "is_admin",
                    "yes")).expectError(400, "VALIDATION_FAILED");

            assertThat(allUsers()).anyMatch(user -> user.get("username").asText().equals(name)
                    && !user.has("password_hash"));
            assertThat(new PlaintextScanner(database).findInTables(password)).as("tables, events included").isEmpty();
            assertThat(log.text().lines().filter(line -> PlaintextScanner.contains(line, password)).toList())
                    .as("lines of the server's log with the password").isEmpty();
        }
    }

    @Test
    void teamsHaveRolesAndATeamYouAreNotInDoesNotExist() {
        String bob = uniqueName("bob");
        String carol = uniqueName("carol");
        createUser(bob, "bob-password-1");
        String carolId = createUser(carol, "carol-password-1");
        Api asBob = signIn(bob, "bob-password-1");
        Api asCarol = signIn(carol, "carol-password-1");

        String teamId = api.post("/api/v1/teams", Json.obj("name", "Platform")).expect(201).data().get("team_id")
                .asText();
        api.put("/api/v1/teams/" + teamId + "/members/" + bob, Json.obj("role", "viewer")).expect(200);
        api.put("/api/v1/teams/" + teamId + "/members/" + carolId, Json.obj("role", "member")).expect(200);
        assertThat(asBob.get("/api/v1/auth/me").expect(200).data().get("teams").toString())
                .contains(teamId).contains("viewer");
        assertThat(asCarol.get("/api/v1/teams").expect(200).data().get("items").get(0).get("role").asText())
                .isEqualTo("member");

        assertThat(Json.list(asBob.get("/api/v1/teams/" + teamId + "/members").expect(200).data().get("items")))
                .extracting(m -> m.get("username").asText() + ":" + m.get("role").asText())
                .containsExactlyInAnyOrder("admin:admin", bob + ":viewer", carol + ":member");
        asBob.put("/api/v1/teams/" + teamId + "/members/" + carol, Json.obj("role", "admin"))
                .expectError(403, "FORBIDDEN");
        api.put("/api/v1/teams/" + teamId + "/members/" + bob, Json.obj("role", "owner"))
                .expectError(400, "VALIDATION_FAILED");
        api.put("/api/v1/teams/" + teamId + "/members/nobody-" + UUID.randomUUID(), Json.obj("role", "member"))
                .expectError(404, "NOT_FOUND");
        api.delete("/api/v1/teams/" + teamId + "/members/admin").expectError(409, "INVALID_STATE");

        String otherTeam = asCarol.post("/api/v1/teams", Json.obj("name", "Carol's")).expect(201).data()
                .get("team_id").asText();
        asBob.put("/api/v1/teams/" + otherTeam + "/members/" + bob, Json.obj("role", "admin"))
                .expectError(404, "NOT_FOUND");
        asBob.get("/api/v1/teams/" + otherTeam + "/members").expectError(404, "NOT_FOUND");
        asBob.delete("/api/v1/teams/" + teamId + "/members/" + bob).expect(200);
        assertThat(asBob.get("/api/v1/teams").expect(200).data().get("items").toString()).doesNotContain(teamId);
    }

    @Test
    void signInsAndTokensAreEventsOfTheUserWithTheActingUserAndNoHashInTheTimeline() {
        String name = uniqueName("dora");
        String doraId = createUser(name, "dora-password-1");
        Api dora = signIn(name, "dora-password-1");
        token(dora, "laptop");
        await().atMost(WAIT).until(() -> api.get("/api/v1/timeline?aggregate_id=" + doraId).expect(200).data()
                .get("items").size() >= 3);
        List<JsonNode> events = Json.list(api.get("/api/v1/timeline?aggregate_id=" + doraId).expect(200).data()
                .get("items"));
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("UserRegisteredEvent", "UserSignedInEvent", "ApiTokenCreatedEvent");
        assertThat(events.get(0).get("metadata").get("user").asText()).isEqualTo("admin");
        assertThat(events.get(1).get("metadata").get("user").asText()).isEqualTo(name);
        assertThat(events.get(2).get("metadata").get("user").asText()).isEqualTo(name);
        assertThat(events.get(0).get("payload").get("password_hash").asText()).isEqualTo("***");
        assertThat(events.get(1).get("payload").get("session_hash").asText()).isEqualTo("***");
        assertThat(events.get(2).get("payload").get("token_hash").asText()).isEqualTo("***");
    }

    @Test
    void theActingUserCannotBeClaimedByAHeader() {
        String projectId = api.header("X-Baton-User", "mallory").post("/api/v1/projects",
                Json.obj("name", uniqueName("who"), "local_path", GitRepos.create().toString())).expect(201).data()
                .get("project_id").asText();
        await().atMost(WAIT).until(() -> api.get("/api/v1/timeline?aggregate_id=" + projectId).expect(200).data()
                .get("items").size() == 1);
        assertThat(api.get("/api/v1/timeline?aggregate_id=" + projectId).expect(200).data().get("items").get(0)
                .get("metadata").get("user").asText()).isEqualTo("admin");
    }

    @Test
    void aCredentialThatMakesTooManyChangesIsSlowedDownAndOthersAreNot() {
        Api script = withToken(token(api, "runaway"));
        String unknownProject = "/api/v1/projects/" + UUID.randomUUID() + "/tasks";
        List<Api.Response> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(script.post(unknownProject, Json.obj("title", "t")));
        }
        Api.Response limited = answers.stream().filter(a -> a.status() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no request was limited"));
        assertThat(limited.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(limited.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(answers).allMatch(a -> a.status() == 404 || a.status() == 429);
        script.get("/api/v1/projects").expect(200);
        api.post(unknownProject, Json.obj("title", "t")).expectError(404, "NOT_FOUND");
    }

    @Test
    void tenWrongPasswordsForOneUserFromOneAddressPauseItsSignIns() {
        String name = uniqueName("gus");
        createUser(name, "gus-password-1");
        for (int i = 0; i < 10; i++) {
            anonymous().post("/api/v1/auth/sessions", Json.obj("username", name, "password", "guess-" + i))
                    .expectError(401, "UNAUTHORIZED");
        }
        anonymous().post("/api/v1/auth/sessions", Json.obj("username", name, "password", "gus-password-1"))
                .expectError(429, "RATE_LIMITED");
        signIn("admin", ADMIN_PASSWORD).get("/api/v1/auth/me").expect(200);
    }

    private JsonNode tokenOf(String tokenId) {
        return Json.list(api.get("/api/v1/auth/tokens").expect(200).data().get("items")).stream()
                .filter(t -> t.get("token_id").asText().equals(tokenId)).findFirst()
                .orElseThrow(() -> new AssertionError("token " + tokenId + " is not listed"));
    }

    private List<JsonNode> allUsers() {
        List<JsonNode> users = new java.util.ArrayList<>();
        String after = "";
        do {
            JsonNode page = api.get("/api/v1/users?limit=500&after=" + after).expect(200).data();
            users.addAll(Json.list(page.get("items")));
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return users;
    }
}
