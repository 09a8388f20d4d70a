package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.FakeIdentityProvider;
import dev.baton.api.support.FakeIdentityProvider.Answer;
import dev.baton.api.support.FakeIdentityProvider.Person;
import dev.baton.api.support.Json;
import dev.baton.api.support.ProviderSignInServerTest;
import dev.baton.runner.secret.LogCapture;
import dev.baton.runner.secret.PlaintextScanner;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with an identity provider, through real HTTP against {@link FakeIdentityProvider} on loopback: an OIDC
 * provider ({@code corp}, found by discovery) and a GitHub-like OAuth2 one ({@code hub}), on a server that lets
 * anyone they let through make an account ({@code baton.auth.providers.allow=*}). The browser is a client that keeps
 * cookies and follows each redirect by hand.
 */
class ProviderSignInTest extends ProviderSignInServerTest {

    private static final Path DATA_DIR = createDataDir("baton-provider-test-");

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        providerProperties(registry, DATA_DIR, "baton_providers", "*");
    }

    @Test
    void theSignInPageListsTheProvidersWithoutCredentials() {
        JsonNode items = anonymous().get("/api/v1/auth/providers").expect(200).data().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("id").asText()).isEqualTo("corp");
        assertThat(items.get(0).get("name").asText()).isEqualTo("Corp SSO");
        assertThat(items.get(0).get("sign_in_url").asText()).isEqualTo("/oauth2/authorization/corp");
        assertThat(items.get(1).get("name").asText()).isEqualTo("FakeHub");
    }

    @Test
    void aFirstSignInMakesAnAccountWhoseSessionWorksLikeAPasswordSignIn() {
        String username = uniqueName("grace");
        Browser browser = new Browser();
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            assertThat(browser.signIn("corp", person(username, "Grace Hopper"), Answer.AS_IT_SHOULD)).isEqualTo("/");

            assertThat(browser.cookie("JSESSIONID")).as("no server session").isEmpty();
            assertThat(browser.cookie("baton_oauth2_request")).as("the authorization request is spent").isEmpty();
            Api session = anonymous().header("Cookie", "baton_session=" + browser.cookie("baton_session").orElseThrow());
            JsonNode me = session.get("/api/v1/auth/me").expect(200).data();
            assertThat(me.get("username").asText()).isEqualTo(username);
            assertThat(me.get("display_name").asText()).isEqualTo("Grace Hopper");
            assertThat(me.get("is_admin").asBoolean()).as("never an administrator").isFalse();
            assertThat(me.get("signed_in_with").asText()).isEqualTo("session");
            session.post("/api/v1/auth/tokens", Json.obj("name", "no csrf")).expectError(403, "FORBIDDEN");
            session.header("X-CSRF-Token", me.get("csrf_token").asText())
                    .post("/api/v1/auth/tokens", Json.obj("name", "cli")).expect(201);

            for (String secret : IDP.issuedTokens()) {
                assertThat(log.text()).doesNotContain(secret);
                assertThat(new PlaintextScanner(database).findInTables(secret)).isEmpty();
            }
            assertThat(log.text()).doesNotContain(FakeIdentityProvider.CLIENT_SECRET);
        }
        anonymous().post("/api/v1/auth/sessions", Json.obj("username", username, "password", "any-password-at-all"))
                .expectError(401, "UNAUTHORIZED");
    }

    @Test
    void theSameIdentitySignsInAsTheSameAccountWhateverItsNameIsNow() {
        Person first = person(uniqueName("linus"), "Linus");
        String userId = userIdOf(signedIn("corp", first));
        Person renamed = new Person(first.subject(), uniqueName("torvalds"), "Linus T.");
        assertThat(userIdOf(signedIn("corp", renamed))).isEqualTo(userId);
    }

    @Test
    void aProviderUserNamedLikeALocalAccountGetsAnAccountOfItsOwn() {
        String name = uniqueName("ada");
        String localId = createUser(name, "ada-password-1");

        JsonNode other = me(signedIn("corp", person(name, "Not Ada")));
        assertThat(other.get("username").asText()).isEqualTo(name + "-2");
        assertThat(other.get("user_id").asText()).isNotEqualTo(localId);
        assertThat(userIdOf(signIn(name, "ada-password-1"))).isEqualTo(localId);

        JsonNode admin = me(signedIn("corp", person("Admin", "Mallory")));
        assertThat(admin.get("username").asText()).startsWith("admin-");
        assertThat(admin.get("is_admin").asBoolean()).isFalse();
    }

    @Test
    void aGitHubLikeProviderSignsInWithItsLoginAndKeepsTheNumericId() {
        Person octo = new Person(String.valueOf(System.nanoTime()), uniqueName("Octo_Cat"), "Octo Cat");
        JsonNode me = me(signedIn("hub", octo));
        assertThat(me.get("username").asText()).isEqualTo(octo.username().toLowerCase());
        assertThat(userIdOf(signedIn("hub", new Person(octo.subject(), "renamed", "Octo")))).isEqualTo(
                me.get("user_id").asText());
    }

    @Test
    void aTamperedStateAForgedIdTokenAWrongNonceOrARefusalSignNobodyIn() {
        long users = users();
        assertThat(new Browser().signIn("corp", person(uniqueName("eve"), "Eve"), Answer.AS_IT_SHOULD,
                callback -> callback.replaceFirst("state=[^&]+", "state=forged")))
                .isEqualTo("/?sign_in_error=authorization_request_not_found");
        assertThat(refusedSignIn(Answer.FORGED_SIGNATURE)).isEqualTo("/?sign_in_error=invalid_id_token");
        assertThat(refusedSignIn(Answer.WRONG_NONCE)).isEqualTo("/?sign_in_error=invalid_nonce");
        assertThat(refusedSignIn(Answer.ACCESS_DENIED)).isEqualTo("/?sign_in_error=access_denied");
        assertThat(users()).as("no account was made").isEqualTo(users);
    }

    @Test
    void anUnknownProviderOrACallbackOfNoSignInEndsOnTheSignInPage() {
        Browser browser = new Browser();
        assertThat(browser.follow("/oauth2/authorization/nope").statusCode()).isEqualTo(302);
        assertThat(browser.location()).isEqualTo("/?sign_in_error=failed");
        browser.follow("/login/oauth2/code/corp?code=" + UUID.randomUUID() + "&state=" + UUID.randomUUID());
        assertThat(browser.location()).isEqualTo("/?sign_in_error=authorization_request_not_found");
        assertThat(browser.cookie("baton_session")).isEmpty();
    }

    private String refusedSignIn(Answer answer) {
        return refusedSignIn("corp", person(uniqueName("eve"), "Eve"), answer);
    }

    private long users() {
        return rows("acc_user");
    }
}
