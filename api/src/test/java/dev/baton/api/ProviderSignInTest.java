package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.AccountsServerTest;
import dev.baton.api.support.Api;
import dev.baton.api.support.FakeIdentityProvider;
import dev.baton.api.support.FakeIdentityProvider.Answer;
import dev.baton.api.support.FakeIdentityProvider.Person;
import dev.baton.api.support.Json;
import dev.baton.runner.secret.LogCapture;
import dev.baton.runner.secret.PlaintextScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with an identity provider, through real HTTP against {@link FakeIdentityProvider} on loopback: an OIDC
 * provider ({@code corp}, found by discovery) and a GitHub-like OAuth2 one ({@code hub}). The browser is a client
 * that keeps cookies and follows each redirect by hand.
 */
class ProviderSignInTest extends AccountsServerTest {

    private static final FakeIdentityProvider IDP = FakeIdentityProvider.start();
    private static final Path DATA_DIR = createDataDir("baton-provider-test-");

    @Autowired
    private JdbcTemplate database;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        accountsProperties(registry, DATA_DIR, "baton_providers");
        String corp = "spring.security.oauth2.client.registration.corp.";
        registry.add(corp + "client-id", () -> FakeIdentityProvider.CLIENT_ID);
        registry.add(corp + "client-secret", () -> FakeIdentityProvider.CLIENT_SECRET);
        registry.add(corp + "client-name", () -> "Corp SSO");
        registry.add(corp + "scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.provider.corp.issuer-uri", IDP::issuer);
        String hub = "spring.security.oauth2.client.registration.hub.";
        registry.add(hub + "client-id", () -> FakeIdentityProvider.CLIENT_ID);
        registry.add(hub + "client-secret", () -> FakeIdentityProvider.CLIENT_SECRET);
        registry.add(hub + "client-name", () -> "FakeHub");
        registry.add(hub + "scope", () -> "read:user");
        registry.add(hub + "authorization-grant-type", () -> "authorization_code");
        registry.add(hub + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        String hubProvider = "spring.security.oauth2.client.provider.hub.";
        registry.add(hubProvider + "authorization-uri", () -> IDP.issuer() + "/authorize");
        registry.add(hubProvider + "token-uri", () -> IDP.issuer() + "/token");
        registry.add(hubProvider + "user-info-uri", () -> IDP.issuer() + "/user");
        registry.add(hubProvider + "user-name-attribute", () -> "id");
    }

    @AfterEach
    void theProviderNeverRefusedBatonsTokenRequests() {
        assertThat(IDP.refusals()).as("client secret, redirect URI and PKCE verifier").isEmpty();
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
        assertThat(browser.location).isEqualTo("/?sign_in_error=failed");
        browser.follow("/login/oauth2/code/corp?code=" + UUID.randomUUID() + "&state=" + UUID.randomUUID());
        assertThat(browser.location).isEqualTo("/?sign_in_error=authorization_request_not_found");
        assertThat(browser.cookie("baton_session")).isEmpty();
    }

    /** A sign-in the provider or Baton refuses: where it ends, after checking that it left no session. */
    private String refusedSignIn(Answer answer) {
        Browser browser = new Browser();
        String end = browser.signIn("corp", person(uniqueName("eve"), "Eve"), answer);
        assertThat(browser.cookie("baton_session")).as(answer.name()).isEmpty();
        assertThat(browser.cookie("baton_oauth2_request")).as(answer.name()).isEmpty();
        return end;
    }

    private long users() {
        return database.queryForObject("select count(*) from acc_user", Long.class);
    }

    private static Person person(String username, String name) {
        return new Person(UUID.randomUUID().toString(), username, name);
    }

    /** The session of a successful sign-in with {@code provider}, with its CSRF token. */
    private Api signedIn(String provider, Person person) {
        Browser browser = new Browser();
        assertThat(browser.signIn(provider, person, Answer.AS_IT_SHOULD)).isEqualTo("/");
        Api session = anonymous().header("Cookie", "baton_session=" + browser.cookie("baton_session").orElseThrow());
        return session.header("X-CSRF-Token", me(session).get("csrf_token").asText());
    }

    private static JsonNode me(Api session) {
        return session.get("/api/v1/auth/me").expect(200).data();
    }

    private static String userIdOf(Api session) {
        return me(session).get("user_id").asText();
    }

    /** A browser: keeps cookies (Baton's and the provider's, both on 127.0.0.1) and follows no redirect itself. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        /** The last answer's Location header, without the server's address when it is Baton's. */
        private String location;

        /** Signs in as the browser would, from the sign-in button to Baton's last redirect; answers where it ends. */
        String signIn(String provider, Person person, Answer answer) {
            return signIn(provider, person, answer, UnaryOperator.identity());
        }

        /** The same, with the provider's redirect back to Baton changed by {@code callback} first. */
        String signIn(String provider, Person person, Answer answer, UnaryOperator<String> callback) {
            IDP.nextSignIn(person, answer);
            assertThat(follow("/oauth2/authorization/" + provider).statusCode()).isEqualTo(302);
            assertThat(location).startsWith(IDP.issuer() + "/authorize?");
            assertThat(follow(location).statusCode()).as("the provider's answer").isEqualTo(302);
            assertThat(location).startsWith("/login/oauth2/code/" + provider + "?");
            HttpResponse<String> end = follow(callback.apply(location));
            assertThat(end.statusCode()).as("Baton's answer to the callback: %s", end.body()).isEqualTo(302);
            return location;
        }

        HttpResponse<String> follow(String url) {
            URI target = URI.create("http://127.0.0.1:" + port).resolve(url);
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String baton = "http://127.0.0.1:" + port;
                location = answer.headers().firstValue("Location")
                        .map(to -> to.startsWith(baton + "/") ? to.substring(baton.length()) : to).orElse(null);
                return answer;
            } catch (IOException e) {
                throw new IllegalStateException("GET " + target + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Optional<String> cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).filter(value -> !value.isEmpty()).findFirst();
        }
    }
}
