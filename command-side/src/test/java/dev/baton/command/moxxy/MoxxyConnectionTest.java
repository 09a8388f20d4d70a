package dev.baton.command.moxxy;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.common.SealedSecret;
import dev.baton.core.moxxy.ConnectMoxxyCommand;
import dev.baton.core.moxxy.DisconnectMoxxyCommand;
import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.core.moxxy.MoxxyConnectionVerifiedEvent;
import dev.baton.core.moxxy.MoxxyDisconnectedEvent;
import dev.baton.core.moxxy.MoxxyEndpoint;
import dev.baton.core.moxxy.RecordMoxxyVerificationCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

class MoxxyConnectionTest {

    private static final String OWNER = "local";
    private static final String CONNECTION = MoxxyConnectionIds.ofOwner(OWNER);
    private static final MoxxyEndpoint ENDPOINT = MoxxyEndpoint.checked("http://127.0.0.1:17890/", "internal", true);
    private static final SealedSecret TOKEN = new SealedSecret("k-1", "c2VhbGVk");
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
    private static final MoxxyConnectedEvent CONNECTED = new MoxxyConnectedEvent(CONNECTION, OWNER, ENDPOINT, TOKEN, AT,
            null);

    private FixtureConfiguration<MoxxyConnection> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MoxxyConnection.class);
    }

    @Test
    void aVerifiedInstanceIsConnectedWithItsTokenSealedAndItsUrlNormalised() {
        fixture.givenNoPriorActivity()
                .when(new ConnectMoxxyCommand(CONNECTION, OWNER, ENDPOINT, TOKEN, AT))
                .expectEvents(new MoxxyConnectedEvent(CONNECTION, OWNER,
                        new MoxxyEndpoint("http://127.0.0.1:17890", "internal"), TOKEN, AT, null));
    }

    @Test
    void connectingAgainReplacesTheTokenAndNamesTheKeyToDestroy() {
        SealedSecret newer = new SealedSecret("k-2", "bmV3ZXI=");
        fixture.given(CONNECTED)
                .when(new ConnectMoxxyCommand(CONNECTION, OWNER, ENDPOINT, newer, AT))
                .expectEvents(new MoxxyConnectedEvent(CONNECTION, OWNER, ENDPOINT, newer, AT, "k-1"));
    }

    @Test
    void anUnverifiedConnectionOrSomeoneElsesIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConnectMoxxyCommand(CONNECTION, OWNER, ENDPOINT, TOKEN, null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.givenNoPriorActivity()
                .when(new ConnectMoxxyCommand(CONNECTION, "someone-else", ENDPOINT, TOKEN, AT))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void badEndpointsAreRefusedWithTheirField() {
        assertAll(
                () -> expectInvalid("base_url", () -> MoxxyEndpoint.checked("ftp://host", null, false)),
                () -> expectInvalid("base_url", () -> MoxxyEndpoint.checked("http://user:pw@host", null, false)),
                () -> expectInvalid("base_url", () -> MoxxyEndpoint.checked(" ", null, false)),
                () -> expectInvalid("token_kind", () -> MoxxyEndpoint.checked("http://h:1", "basic", true)),
                () -> expectInvalid("token", () -> MoxxyEndpoint.checked("http://h:1", "bearer", false)));
    }

    private static void expectInvalid(String field, Runnable check) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e, invalidField(field)));
    }

    @Test
    void verificationsAreRecordedWhileConnected() {
        fixture.given(CONNECTED)
                .when(new RecordMoxxyVerificationCommand(CONNECTION, AT, "401: bad token"))
                .expectEvents(new MoxxyConnectionVerifiedEvent(CONNECTION, AT, "401: bad token"));
    }

    @Test
    void disconnectingNamesTheKeyToDestroyAndThenTheConnectionIsGone() {
        fixture.given(CONNECTED).when(new DisconnectMoxxyCommand(CONNECTION))
                .expectEvents(new MoxxyDisconnectedEvent(CONNECTION, OWNER, "k-1"));
        fixture.given(CONNECTED, new MoxxyDisconnectedEvent(CONNECTION, OWNER, "k-1"))
                .when(new DisconnectMoxxyCommand(CONNECTION))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
        fixture.given(CONNECTED, new MoxxyDisconnectedEvent(CONNECTION, OWNER, "k-1"))
                .when(new ConnectMoxxyCommand(CONNECTION, OWNER, ENDPOINT, TOKEN, AT))
                .expectEvents(new MoxxyConnectedEvent(CONNECTION, OWNER, ENDPOINT, TOKEN, AT, null));
    }
}
