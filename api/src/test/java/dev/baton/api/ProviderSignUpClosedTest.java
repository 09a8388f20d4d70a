package dev.baton.api;

import dev.baton.api.support.FakeIdentityProvider.Answer;
import dev.baton.api.support.FakeIdentityProvider.Person;
import dev.baton.api.support.ProviderSignInServerTest;
import dev.baton.runner.secret.LogCapture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default: {@code baton.auth.providers.allow} unset. Whoever the providers let through gets no account at their
 * first sign-in, not even one named like an account an administrator made (no silent linking), and nothing is stored.
 */
class ProviderSignUpClosedTest extends ProviderSignInServerTest {

    private static final Path DATA_DIR = createDataDir("baton-signup-closed-test-");

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        providerProperties(registry, DATA_DIR, "baton_signup_closed", null);
    }

    @Test
    void aNewIdentityGetsNoAccountNoSessionAndLeavesNothingStored() {
        String name = uniqueName("grace");
        String localId = createUser(name, "grace-password-1");
        List<Long> before = List.of(rows("acc_user"), rows("acc_identity"), rows("domain_event_entry"));
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            Person oidc = new Person(UUID.randomUUID().toString(), name, "Grace", name + "@example.com", true);
            assertThat(refusedSignIn("corp", oidc, Answer.AS_IT_SHOULD)).isEqualTo("/?sign_in_error=not_allowed");
            Person github = new Person(String.valueOf(System.nanoTime()), name, "Grace");
            assertThat(refusedSignIn("hub", github, Answer.AS_IT_SHOULD)).isEqualTo("/?sign_in_error=not_allowed");

            assertThat(log.text()).contains("no account for a first sign-in with corp: username " + name
                    + ", verified e-mail " + name + "@example.com is not in baton.auth.providers.allow");
            for (String secret : IDP.issuedTokens()) {
                assertThat(log.text()).doesNotContain(secret);
            }
        }
        assertThat(List.of(rows("acc_user"), rows("acc_identity"), rows("domain_event_entry")))
                .as("accounts, identities, events").isEqualTo(before);
        assertThat(userIdOf(signIn(name, "grace-password-1"))).as("the local account is untouched").isEqualTo(localId);
    }
}
