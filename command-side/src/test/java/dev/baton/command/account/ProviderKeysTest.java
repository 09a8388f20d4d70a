package dev.baton.command.account;

import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ProviderKeyRemovedEvent;
import dev.baton.core.account.ProviderKeySetEvent;
import dev.baton.core.account.RemoveProviderKeyCommand;
import dev.baton.core.account.SetProviderKeyCommand;
import dev.baton.core.account.UserRegisteredEvent;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.common.SealedSecret;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;

/** The provider keys on a {@link UserAccount}: stored sealed, replaced and removed with their data keys named. */
class ProviderKeysTest {

    private static final String ADA = AccountIds.ofUsername("ada");
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(ADA, "ada", "Ada", "$argon2id$h",
            false);
    private static final SealedSecret FIRST = new SealedSecret("k-1", "c1");
    private static final SealedSecret SECOND = new SealedSecret("k-2", "c2");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void aNewKeyReplacesNothing() {
        fixture.given(REGISTERED)
                .when(new SetProviderKeyCommand(ADA, "OPENAI_API_KEY", FIRST))
                .expectEvents(new ProviderKeySetEvent(ADA, "OPENAI_API_KEY", FIRST, null));
    }

    @Test
    void replacingAKeyNamesTheDataKeyOfTheValueItReplaces() {
        fixture.given(REGISTERED, new ProviderKeySetEvent(ADA, "OPENAI_API_KEY", FIRST, null))
                .when(new SetProviderKeyCommand(ADA, "OPENAI_API_KEY", SECOND))
                .expectEvents(new ProviderKeySetEvent(ADA, "OPENAI_API_KEY", SECOND, "k-1"));
    }

    @Test
    void removingAKeyNamesItsDataKeyAndASecondRemovalIsNotFound() {
        fixture.given(REGISTERED, new ProviderKeySetEvent(ADA, "OPENAI_API_KEY", FIRST, null),
                        new ProviderKeySetEvent(ADA, "OPENAI_API_KEY", SECOND, "k-1"))
                .when(new RemoveProviderKeyCommand(ADA, "OPENAI_API_KEY"))
                .expectEvents(new ProviderKeyRemovedEvent(ADA, "OPENAI_API_KEY", "k-2"));
        fixture.given(REGISTERED, new ProviderKeySetEvent(ADA, "OPENAI_API_KEY", FIRST, null),
                        new ProviderKeyRemovedEvent(ADA, "OPENAI_API_KEY", "k-1"))
                .when(new RemoveProviderKeyCommand(ADA, "OPENAI_API_KEY"))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void aKeyRemovedAndSetAgainReplacesNothing() {
        fixture.given(REGISTERED, new ProviderKeySetEvent(ADA, "GEMINI_API_KEY", FIRST, null),
                        new ProviderKeyRemovedEvent(ADA, "GEMINI_API_KEY", "k-1"))
                .when(new SetProviderKeyCommand(ADA, "GEMINI_API_KEY", SECOND))
                .expectEvents(new ProviderKeySetEvent(ADA, "GEMINI_API_KEY", SECOND, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai_api_key", "1KEY", "A", "OPENAI-KEY", "PATH", "HOME", "BATON_MASTER_KEY",
            "LD_PRELOAD", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "GIT_SSH_COMMAND"})
    void aNameThatIsNotAnOrdinaryVariableIsRefused(String name) {
        fixture.given(REGISTERED)
                .when(new SetProviderKeyCommand(ADA, name, FIRST))
                .expectNoEvents().expectException(invalidField("name"));
    }

    @Test
    void aKeyNeedsAValue() {
        fixture.given(REGISTERED)
                .when(new SetProviderKeyCommand(ADA, "OPENAI_API_KEY", null))
                .expectNoEvents().expectException(invalidField("value"));
    }

    @Test
    void fiftyKeysIsTheLimitButTheyCanStillBeReplaced() {
        List<Object> history = new ArrayList<>(List.of(REGISTERED));
        for (int i = 0; i < UserAccount.MAX_PROVIDER_KEYS; i++) {
            history.add(new ProviderKeySetEvent(ADA, "KEY_" + i, new SealedSecret("k" + i, "c"), null));
        }
        fixture.given(history)
                .when(new SetProviderKeyCommand(ADA, "ONE_MORE_KEY", FIRST))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.given(history)
                .when(new SetProviderKeyCommand(ADA, "KEY_7", FIRST))
                .expectEvents(new ProviderKeySetEvent(ADA, "KEY_7", FIRST, "k7"));
    }
}
