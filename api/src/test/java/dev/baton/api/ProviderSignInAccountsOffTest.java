package dev.baton.api;

import dev.baton.api.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider configured on a server whose accounts are off: the server starts, lists no provider, and the sign-in
 * with it goes nowhere (there is no account to sign in to). Its own data folder: not a node of another test server.
 */
class ProviderSignInAccountsOffTest extends ServerTest {

    private static final Path DATA_DIR = createDataDir("baton-provider-off-test-");

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        serverProperties(registry, DATA_DIR, "");
        String registration = "spring.security.oauth2.client.registration.corp.";
        registry.add(registration + "client-id", () -> "baton");
        registry.add(registration + "client-secret", () -> "never-used");
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(registration + "scope", () -> "openid");
        String provider = "spring.security.oauth2.client.provider.corp.";
        registry.add(provider + "authorization-uri", () -> "http://127.0.0.1:9/authorize");
        registry.add(provider + "token-uri", () -> "http://127.0.0.1:9/token");
        registry.add(provider + "jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    }

    @Test
    void noProviderIsListedAndItsSignInIsNotStarted() {
        assertThat(api.get("/api/v1/auth/providers").expect(200).data().get("items")).isEmpty();
        assertThat(api.get("/api/v1/auth/me").expect(200).data().get("auth_enabled").asBoolean()).isFalse();
        api.get("/oauth2/authorization/corp").expectError(404, "NOT_FOUND");
        api.get("/login/oauth2/code/corp?code=x&state=y").expectError(404, "NOT_FOUND");
    }
}
