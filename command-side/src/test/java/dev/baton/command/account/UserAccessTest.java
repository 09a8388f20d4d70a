package dev.baton.command.account;

import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ApiTokenCreatedEvent;
import dev.baton.core.account.ApiTokenRevokedEvent;
import dev.baton.core.account.ChangeUserAccessCommand;
import dev.baton.core.account.UserAdminChangedEvent;
import dev.baton.core.account.UserDisabledEvent;
import dev.baton.core.account.UserEnabledEvent;
import dev.baton.core.account.UserRegisteredEvent;
import dev.baton.core.account.UserSignedInEvent;
import dev.baton.core.account.UserSignedOutEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** An administrator's change of an account's rights: admin or not, and shut out (disabled) or let in again. */
class UserAccessTest {

    private static final String BO = AccountIds.ofUsername("bo");
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(BO, "bo", "Bo", "$argon2id$h", false);
    private static final UserSignedInEvent SIGNED_IN = new UserSignedInEvent(BO, "s-1", "h",
            Instant.parse("2099-01-01T00:00:00Z"), "password");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void anAccountIsMadeAnAdministratorAndBackOnlyWhenThatChangesSomething() {
        fixture.given(REGISTERED)
                .when(new ChangeUserAccessCommand(BO, true, null))
                .expectEvents(new UserAdminChangedEvent(BO, true));
        fixture.given(REGISTERED, new UserAdminChangedEvent(BO, true))
                .when(new ChangeUserAccessCommand(BO, true, false))
                .expectNoEvents();
        fixture.given(new UserRegisteredEvent(BO, "bo", "Bo", "$argon2id$h", true))
                .when(new ChangeUserAccessCommand(BO, false, null))
                .expectEvents(new UserAdminChangedEvent(BO, false));
    }

    @Test
    void disablingEndsEverySessionAndRevokesEveryLiveToken() {
        fixture.given(REGISTERED, SIGNED_IN, new ApiTokenCreatedEvent(BO, "t-1", "ci", "sha-1", null),
                        new ApiTokenCreatedEvent(BO, "t-2", "old", "sha-2", null), new ApiTokenRevokedEvent(BO, "t-2"))
                .when(new ChangeUserAccessCommand(BO, null, true))
                .expectEvents(new UserDisabledEvent(BO), new UserSignedOutEvent(BO, "s-1"),
                        new ApiTokenRevokedEvent(BO, "t-1"));
    }

    @Test
    void aDisabledAccountIsLetInAgainOnce() {
        fixture.given(REGISTERED, new UserDisabledEvent(BO))
                .when(new ChangeUserAccessCommand(BO, null, false))
                .expectEvents(new UserEnabledEvent(BO));
        fixture.given(REGISTERED)
                .when(new ChangeUserAccessCommand(BO, null, false))
                .expectNoEvents();
    }
}
