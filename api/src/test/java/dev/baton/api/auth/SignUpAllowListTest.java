package dev.baton.api.auth;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of {@code baton.auth.providers.allow}; {@code ProviderSignUp*Test} checks them through real sign-ins. */
class SignUpAllowListTest {

    private static ProviderIdentity identity(String provider, String username, String verifiedEmail) {
        return new ProviderIdentity(provider, "s-1", username, verifiedEmail);
    }

    @Test
    void emptyAdmitsNoOne() {
        assertThat(new SignUpAllowList("").admits(identity("corp", "ada", "ada@example.com"))).isFalse();
        assertThat(new SignUpAllowList(" , ").admits(identity("corp", "ada", null))).isFalse();
        assertThat(new SignUpAllowList("").toString()).contains("no one");
    }

    @Test
    void aStarAdmitsAnyone() {
        assertThat(new SignUpAllowList("*").admits(identity("github", null, null))).isTrue();
        assertThat(new SignUpAllowList("corp:*").admits(identity("github", "ada", null))).isFalse();
    }

    @Test
    void aNameIsTheProvidersUsernameWhateverItsCase() {
        SignUpAllowList allow = new SignUpAllowList("Ada, github:linus");
        assertThat(allow.admits(identity("corp", "ADA", null))).isTrue();
        assertThat(allow.admits(identity("corp", "ada-2", null))).isFalse();
        assertThat(allow.admits(identity("corp", null, null))).isFalse();
        assertThat(allow.admits(identity("github", "Linus", null))).isTrue();
        assertThat(allow.admits(identity("corp", "linus", null))).as("another provider's linus").isFalse();
    }

    @Test
    void aDomainIsAVerifiedEmailOfExactlyThatDomain() {
        SignUpAllowList allow = new SignUpAllowList("@Example.com");
        assertThat(allow.admits(identity("corp", "x", "grace@EXAMPLE.com"))).isTrue();
        assertThat(allow.admits(identity("corp", "x", "grace@evilexample.com"))).isFalse();
        assertThat(allow.admits(identity("corp", "x", "grace@example.com.evil.org"))).isFalse();
        assertThat(allow.admits(identity("corp", "@example.com", null))).as("not a username").isFalse();
    }

    @Test
    void theEmailCountsOnlyWhenTheProviderSaysItIsVerified() {
        assertThat(ProviderIdentity.of("corp", person(Map.of("email", "a@example.com", "email_verified", true)))
                .verifiedEmail()).isEqualTo("a@example.com");
        assertThat(ProviderIdentity.of("corp", person(Map.of("email", "a@example.com", "email_verified", "true")))
                .verifiedEmail()).isEqualTo("a@example.com");
        assertThat(ProviderIdentity.of("corp", person(Map.of("email", "a@example.com", "email_verified", false)))
                .verifiedEmail()).isNull();
        assertThat(ProviderIdentity.of("github", person(Map.of("email", "a@example.com", "login", "Octo")))
                .verifiedEmail()).as("GitHub's public e-mail").isNull();
    }

    @Test
    void aMalformedRuleStopsTheStart() {
        for (String wrong : List.of("@", "@localhost", "a b", "ada*", ":ada", "github:", "*@example.com")) {
            assertThatThrownBy(() -> new SignUpAllowList(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baton.auth.providers.allow");
        }
    }

    @Test
    void theLogLineCannotBeForged() {
        assertThat(identity("corp", "ada\nINFO forged", null).describe()).doesNotContain("\n");
    }

    private static DefaultOAuth2User person(Map<String, Object> attributes) {
        Map<String, Object> withId = new HashMap<>(attributes);
        withId.put("id", "1");
        return new DefaultOAuth2User(List.of(), withId, "id");
    }
}
