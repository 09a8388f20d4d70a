package dev.baton.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.FakeIdentityProvider.Answer;
import dev.baton.api.support.FakeIdentityProvider.Person;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

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
 * A server with accounts on and two identity providers, both {@link FakeIdentityProvider} on loopback: an OIDC one
 * ({@code corp}, found by discovery) and a GitHub-like OAuth2 one ({@code hub}); and a {@link Browser} that signs in
 * with them over real HTTP. Each subclass calls {@link #providerProperties} from its own
 * {@code @DynamicPropertySource}, with its own data folder, database and allow-list.
 */
public abstract class ProviderSignInServerTest extends AccountsServerTest {

    protected static final FakeIdentityProvider IDP = FakeIdentityProvider.start();

    @Autowired
    protected JdbcTemplate database;

    /**
     * Accounts on ({@link #accountsProperties}), both providers, and {@code baton.auth.providers.allow} set to
     * {@code allow}, or left unset (the default) when it is null.
     */
    protected static void providerProperties(DynamicPropertyRegistry registry, Path dataDir, String databaseName,
                                             String allow) {
        accountsProperties(registry, dataDir, databaseName);
        if (allow != null) {
            registry.add("baton.auth.providers.allow", () -> allow);
        }
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

    protected static Person person(String username, String name) {
        return new Person(UUID.randomUUID().toString(), username, name);
    }

    /** The session of a successful sign-in with {@code provider}, with its CSRF token. */
    protected Api signedIn(String provider, Person person) {
        Browser browser = new Browser();
        assertThat(browser.signIn(provider, person, Answer.AS_IT_SHOULD)).isEqualTo("/");
        Api session = anonymous().header("Cookie", "baton_session=" + browser.cookie("baton_session").orElseThrow());
        return session.header("X-CSRF-Token", me(session).get("csrf_token").asText());
    }

    /** A sign-in the provider or Baton refuses: where it ends, after checking that it left no session. */
    protected String refusedSignIn(String provider, Person person, Answer answer) {
        Browser browser = new Browser();
        String end = browser.signIn(provider, person, answer);
        assertThat(browser.cookie("baton_session")).as(answer.name()).isEmpty();
        assertThat(browser.cookie("baton_oauth2_request")).as(answer.name()).isEmpty();
        return end;
    }

    protected static JsonNode me(Api session) {
        return session.get("/api/v1/auth/me").expect(200).data();
    }

    protected static String userIdOf(Api session) {
        return me(session).get("user_id").asText();
    }

    /** The rows of a table (accounts, identities, events...). */
    protected long rows(String table) {
        return database.queryForObject("select count(*) from " + table, Long.class);
    }

    /** A browser: keeps cookies (Baton's and the provider's, both on 127.0.0.1) and follows no redirect itself. */
    protected final class Browser {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        /** The last answer's Location header, without the server's address when it is Baton's. */
        private String location;

        public Browser() {
        }

        /** Signs in as the browser would, from the sign-in button to Baton's last redirect; answers where it ends. */
        public String signIn(String provider, Person person, Answer answer) {
            return signIn(provider, person, answer, UnaryOperator.identity());
        }

        /** The same, with the provider's redirect back to Baton changed by {@code callback} first. */
        public String signIn(String provider, Person person, Answer answer, UnaryOperator<String> callback) {
            IDP.nextSignIn(person, answer);
            assertThat(follow("/oauth2/authorization/" + provider).statusCode()).isEqualTo(302);
            assertThat(location).startsWith(IDP.issuer() + "/authorize?");
            assertThat(follow(location).statusCode()).as("the provider's answer").isEqualTo(302);
            assertThat(location).startsWith("/login/oauth2/code/" + provider + "?");
            HttpResponse<String> end = follow(callback.apply(location));
            assertThat(end.statusCode()).as("Baton's answer to the callback: %s", end.body()).isEqualTo(302);
            return location;
        }

        public HttpResponse<String> follow(String url) {
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

        public String location() {
            return location;
        }

        public Optional<String> cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).filter(value -> !value.isEmpty()).findFirst();
        }
    }
}
