package dev.baton.command.account;

import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ApiTokenCreatedEvent;
import dev.baton.core.account.ApiTokenRevokedEvent;
import dev.baton.core.account.CreateApiTokenCommand;
import dev.baton.core.account.ExternalIdentityLinkedEvent;
import dev.baton.core.account.RecordSignInCommand;
import dev.baton.core.account.RegisterExternalUserCommand;
import dev.baton.core.account.RegisterUserCommand;
import dev.baton.core.account.RevokeApiTokenCommand;
import dev.baton.core.account.SignOutCommand;
import dev.baton.core.account.UserRegisteredEvent;
import dev.baton.core.account.UserSignedInEvent;
import dev.baton.core.account.UserSignedOutEvent;
import dev.baton.core.common.ErrorCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;

class UserAccountTest {

    private static final String ADA = AccountIds.ofUsername("ada");
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(ADA, "ada", "Ada L.", "$argon2id$h",
            false);
    private static final Instant IN_A_DAY = Instant.parse("2026-11-25T10:00:00Z");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void anAccountIsRegisteredUnderItsLowercaseNameWithThePasswordHashOnly() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ADA, " Ada ", "Ada L.", "$argon2id$h", false))
                .expectEvents(REGISTERED);
    }

    @Test
    void theDisplayNameDefaultsToTheUsername() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ADA, "ada", " ", "$argon2id$h", true))
                .expectEvents(new UserRegisteredEvent(ADA, "ada", "ada", "$argon2id$h", true));
    }

    @Test
    void aUsernameWithSpacesOrSlashesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(AccountIds.ofUsername("a/b"), "a/b", null, "$argon2id$h", false))
                .expectNoEvents().expectException(invalidField("username"));
    }

    @Test
    void anIdThatIsNotTheUsernamesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(AccountIds.ofUsername("bob"), "ada", null, "$argon2id$h", false))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void anAccountWithoutPasswordIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ADA, "ada", null, "", false))
                .expectNoEvents().expectException(invalidField("password"));
    }

    @Test
    void anAccountOfAnIdentityProviderHasNoPasswordIsNoAdminAndIsLinkedToItsIdentity() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExternalUserCommand(ADA, "Ada", null, "github", "583231"))
                .expectEvents(new UserRegisteredEvent(ADA, "ada", "ada", null, false),
                        new ExternalIdentityLinkedEvent(ADA, "github", "583231"));
    }

    @Test
    void anAccountOfAnIdentityProviderNeedsItsIdentityAndTheIdOfItsUsername() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExternalUserCommand(ADA, "ada", null, "github", " "))
                .expectNoEvents().expectException(invalidField("subject"));
        fixture.givenNoPriorActivity()
                .when(new RegisterExternalUserCommand(ADA, "ada", null, null, "583231"))
                .expectNoEvents().expectException(invalidField("registration_id"));
        fixture.givenNoPriorActivity()
                .when(new RegisterExternalUserCommand(AccountIds.ofUsername("bob"), "ada", null, "github", "583231"))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void anAccountOfAnIdentityProviderSignsInLikeAnyOther() {
        fixture.given(new UserRegisteredEvent(ADA, "ada", "Ada L.", null, false),
                        new ExternalIdentityLinkedEvent(ADA, "corp", "sub-1"))
                .when(new RecordSignInCommand(ADA, "s-1", "hash-1", IN_A_DAY, "oidc:corp"))
                .expectEvents(new UserSignedInEvent(ADA, "s-1", "hash-1", IN_A_DAY, "oidc:corp"));
    }

    @Test
    void aSignInOpensASessionAndSigningOutClosesIt() {
        fixture.given(REGISTERED)
                .when(new RecordSignInCommand(ADA, "s-1", "hash-1", IN_A_DAY, "password"))
                .expectEvents(new UserSignedInEvent(ADA, "s-1", "hash-1", IN_A_DAY, "password"))
                .expectResultMessagePayload(1L);
        fixture.given(REGISTERED, new UserSignedInEvent(ADA, "s-1", "hash-1", IN_A_DAY, "password"))
                .when(new SignOutCommand(ADA, "s-1"))
                .expectEvents(new UserSignedOutEvent(ADA, "s-1"));
    }

    @Test
    void signingOutOfASessionThatIsNotOpenIsRefused() {
        fixture.given(REGISTERED, new UserSignedInEvent(ADA, "s-1", "hash-1", IN_A_DAY, "password"),
                        new UserSignedOutEvent(ADA, "s-1"))
                .when(new SignOutCommand(ADA, "s-1"))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void aTokenIsCreatedWithItsHashAndRevokedOnce() {
        fixture.given(REGISTERED)
                .when(new CreateApiTokenCommand(ADA, "t-1", "ci", "sha-1", null))
                .expectEvents(new ApiTokenCreatedEvent(ADA, "t-1", "ci", "sha-1", null));
        fixture.given(REGISTERED, new ApiTokenCreatedEvent(ADA, "t-1", "ci", "sha-1", null))
                .when(new RevokeApiTokenCommand(ADA, "t-1"))
                .expectEvents(new ApiTokenRevokedEvent(ADA, "t-1"));
        fixture.given(REGISTERED, new ApiTokenCreatedEvent(ADA, "t-1", "ci", "sha-1", null),
                        new ApiTokenRevokedEvent(ADA, "t-1"))
                .when(new RevokeApiTokenCommand(ADA, "t-1"))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void revokingAnUnknownTokenIsNotFound() {
        fixture.given(REGISTERED)
                .when(new RevokeApiTokenCommand(ADA, "t-9"))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void aTokenNeedsAName() {
        fixture.given(REGISTERED)
                .when(new CreateApiTokenCommand(ADA, "t-1", " ", "sha-1", null))
                .expectNoEvents().expectException(invalidField("name"));
    }

    @Test
    void aHundredActiveTokensIsTheLimit() {
        List<Object> history = new ArrayList<>(List.of(REGISTERED));
        for (int i = 0; i < UserAccount.MAX_ACTIVE_TOKENS; i++) {
            history.add(new ApiTokenCreatedEvent(ADA, "t-" + i, "n", "sha-" + i, null));
        }
        fixture.given(history)
                .when(new CreateApiTokenCommand(ADA, "t-new", "one more", "sha-new", null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        history.add(new ApiTokenRevokedEvent(ADA, "t-0"));
        fixture.given(history)
                .when(new CreateApiTokenCommand(ADA, "t-new", "one more", "sha-new", null))
                .expectEvents(new ApiTokenCreatedEvent(ADA, "t-new", "one more", "sha-new", null));
    }
}
