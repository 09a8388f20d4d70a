package dev.baton.api;

import dev.baton.api.support.Api;
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
 * {@code baton.auth.providers.allow} with a username (written in another case than the provider's), a domain, and a
 * username for the GitHub-like provider only; through real sign-ins against the fake providers.
 */
class ProviderSignUpRulesTest extends ProviderSignInServerTest {

    private static final Path DATA_DIR = createDataDir("baton-signup-rules-test-");
    /** Unique per run: the PostgreSQL test database outlives a run. */
    private static final String ADA = uniqueName("ada");
    private static final String OCTO = uniqueName("octo");
    private static final String REFUSED = "/?sign_in_error=not_allowed";

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        providerProperties(registry, DATA_DIR, "baton_signup_rules",
                ADA.toUpperCase() + ", @example.com , hub:" + OCTO);
    }

    @Test
    void aNameAdmitsThatUsernameWhateverItsCaseAndNoOneElse() {
        assertThat(me(signedIn("corp", person(ADA, "Ada"))).get("username").asText()).isEqualTo(ADA);
        try (LogCapture log = LogCapture.atConfiguredLevels()) {
            assertRefusedStoringNothing("corp", person(uniqueName("bob"), "Bob"));
            assertRefusedStoringNothing("corp", person(ADA + "x", "Not Ada"));
            assertThat(log.text()).contains("username " + ADA + "x, verified e-mail null is not in");
            for (String secret : IDP.issuedTokens()) {
                assertThat(log.text()).doesNotContain(secret);
            }
        }
    }

    @Test
    void aDomainAdmitsAnEmailOfThatDomainTheProviderVerified() {
        String name = uniqueName("grace");
        assertThat(me(signedIn("corp", withEmail(name, name + "@Example.COM", true))).get("username").asText())
                .isEqualTo(name);
        assertRefusedStoringNothing("corp", withEmail(uniqueName("eve"), "eve@example.com", false));
        assertRefusedStoringNothing("corp", withEmail(uniqueName("eve"), "eve@other.org", true));
        assertRefusedStoringNothing("corp", withEmail(uniqueName("eve"), "eve@evilexample.com", true));
    }

    @Test
    void aRuleForOneProviderAdmitsThroughThatProviderOnly() {
        Person octo = new Person(String.valueOf(System.nanoTime()), OCTO, "Octo");
        assertThat(me(signedIn("hub", octo)).get("username").asText()).isEqualTo(OCTO);
        assertRefusedStoringNothing("corp", person(OCTO, "Another Octo"));
    }

    @Test
    void aDomainDoesNotApplyToAGitHubLikeProviderWhichVerifiesNoEmail() {
        assertRefusedStoringNothing("hub", new Person(String.valueOf(System.nanoTime()), uniqueName("hubber"),
                "Hubber", "hubber@example.com", true));
    }

    @Test
    void anIdentityAdmittedOnceKeepsSigningInWhenNoRuleAdmitsItAnyMore() {
        Person admitted = withEmail(uniqueName("linus"), "linus@example.com", true);
        String userId = userIdOf(signedIn("corp", admitted));
        Person moved = new Person(admitted.subject(), uniqueName("torvalds"), "Linus", "linus@other.org", true);
        Api again = signedIn("corp", moved);
        assertThat(userIdOf(again)).isEqualTo(userId);
    }

    private static Person withEmail(String username, String email, boolean verified) {
        return new Person(UUID.randomUUID().toString(), username, username, email, verified);
    }

    /** A first sign-in refused with {@code not_allowed}: no session, no account, no identity, no event. */
    private void assertRefusedStoringNothing(String provider, Person person) {
        List<Long> before = List.of(rows("acc_user"), rows("acc_identity"), rows("domain_event_entry"));
        assertThat(refusedSignIn(provider, person, Answer.AS_IT_SHOULD)).as(person.toString()).isEqualTo(REFUSED);
        assertThat(List.of(rows("acc_user"), rows("acc_identity"), rows("domain_event_entry")))
                .as("accounts, identities, events").isEqualTo(before);
    }
}
