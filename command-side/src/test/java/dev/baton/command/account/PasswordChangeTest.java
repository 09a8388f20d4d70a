package dev.baton.command.account;

import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ChangePasswordCommand;
import dev.baton.core.account.ExpirePasswordCommand;
import dev.baton.core.account.PasswordExpiredEvent;
import dev.baton.core.account.PasswordChangedEvent;
import dev.baton.core.account.UserRegisteredEvent;
import dev.baton.core.account.UserSignedInEvent;
import dev.baton.core.account.UserSignedOutEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.baton.command.Refusal.invalidField;

/** A new password on a {@link UserAccount}: the hash replaced, and the other sessions signed out. */
class PasswordChangeTest {

    private static final String ADA = AccountIds.ofUsername("ada");
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(ADA, "ada", "Ada", "$argon2id$old",
            false);
    private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");
    private static final UserSignedInEvent LAPTOP = new UserSignedInEvent(ADA, "s-laptop", "h1", LATER, "password");
    private static final UserSignedInEvent PHONE = new UserSignedInEvent(ADA, "s-phone", "h2", LATER, "password");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void aChangeFromASessionKeepsThatSessionAndSignsOutTheOthers() {
        fixture.given(REGISTERED, LAPTOP, PHONE)
                .when(new ChangePasswordCommand(ADA, "$argon2id$new", "s-laptop"))
                .expectEvents(new PasswordChangedEvent(ADA, "$argon2id$new"), new UserSignedOutEvent(ADA, "s-phone"));
    }

    @Test
    void aResetSignsOutEverySession() {
        fixture.given(REGISTERED, LAPTOP, PHONE, new UserSignedOutEvent(ADA, "s-phone"))
                .when(new ChangePasswordCommand(ADA, "$argon2id$new", null))
                .expectEvents(new PasswordChangedEvent(ADA, "$argon2id$new"), new UserSignedOutEvent(ADA, "s-laptop"));
    }

    @Test
    void anExpiredPasswordIsRecordedAsSuch() {
        fixture.given(REGISTERED)
                .when(new ExpirePasswordCommand(ADA))
                .expectEvents(new PasswordExpiredEvent(ADA));
    }

    @Test
    void aNewPasswordNeedsAHash() {
        fixture.given(REGISTERED)
                .when(new ChangePasswordCommand(ADA, " ", null))
                .expectNoEvents().expectException(invalidField("password"));
    }
}
