package dev.baton.command.moxxy;

import dev.baton.core.moxxy.MarkMoxxyJobStalledCommand;
import dev.baton.core.moxxy.MoxxyJobReachedAgainEvent;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.moxxy.MoxxyJobStateChangedEvent;
import dev.baton.core.moxxy.MoxxyJobUnreachableEvent;
import dev.baton.core.moxxy.MoxxyTracking;
import dev.baton.core.task.FollowMoxxyJobCommand;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

class MoxxyJobSagaTest {

    private static final String JOB = "0b0b0b0b-7777-4a5b-9c3d-000000000001";
    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String A = "9a1b2c3d-3333-4a5b-9c3d-00000000000a";
    private static final String B = "9a1b2c3d-3333-4a5b-9c3d-00000000000b";
    private static final Duration STALL = Duration.ofMinutes(10);
    private static final MoxxyJobStartedEvent STARTED = new MoxxyJobStartedEvent(JOB, PROJECT, "mx-1", "default",
            List.of(A, B), 1);
    private static final MoxxyJobStateChangedEvent EXECUTING = new MoxxyJobStateChangedEvent(JOB, PROJECT, null,
            "executing", "running", List.of(A, B), null);
    private static final MoxxyJobUnreachableEvent UNREACHABLE = new MoxxyJobUnreachableEvent(JOB, PROJECT,
            "moxxy at http://127.0.0.1:17890 cannot be reached");

    private SagaTestFixture<MoxxyJobSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(MoxxyJobSaga.class);
        fixture.registerResource(new MoxxyTracking(Duration.ofSeconds(2), Duration.ofMinutes(1), STALL));
    }

    @Test
    void theLinkedCardsFollowEachChangeOfTheJob() {
        fixture.givenAPublished(STARTED).whenPublishingA(EXECUTING)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new FollowMoxxyJobCommand(A, JOB, "running"),
                        new FollowMoxxyJobCommand(B, JOB, "running"));
    }

    @Test
    void theSagaEndsWithTheJob() {
        fixture.givenAPublished(STARTED).andThenAPublished(EXECUTING)
                .whenPublishingA(new MoxxyJobStateChangedEvent(JOB, PROJECT, "executing", "completed", "done",
                        List.of(A, B), "Merge approved"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new FollowMoxxyJobCommand(A, JOB, "done"),
                        new FollowMoxxyJobCommand(B, JOB, "done"));
    }

    @Test
    void anOutageThatLastsStallsTheJobWithItsReason() {
        fixture.givenAPublished(STARTED).andThenAPublished(EXECUTING).andThenAPublished(UNREACHABLE)
                .whenTimeElapses(STALL.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(MoxxyJobSaga.STALL)
                .expectDispatchedCommands(new MarkMoxxyJobStalledCommand(JOB, "moxxy has not answered for 600 s:"
                        + " moxxy at http://127.0.0.1:17890 cannot be reached; Baton keeps trying"))
                .expectActiveSagas(1);
    }

    @Test
    void anAnswerBeforeTheStallTimeCancelsIt() {
        fixture.givenAPublished(STARTED).andThenAPublished(UNREACHABLE)
                .andThenAPublished(new MoxxyJobReachedAgainEvent(JOB, PROJECT, List.of(A, B)))
                .whenTimeElapses(STALL.plusSeconds(1))
                .expectNoScheduledDeadlines().expectDispatchedCommands();
    }

    @Test
    void aJobThatEndsDuringAnOutageIsNotStalled() {
        fixture.givenAPublished(STARTED).andThenAPublished(UNREACHABLE)
                .andThenAPublished(new MoxxyJobStateChangedEvent(JOB, PROJECT, null, "failed", "failed",
                        List.of(A, B), "boom"))
                .whenTimeElapses(STALL.plusSeconds(1))
                .expectNoScheduledDeadlines().expectActiveSagas(0).expectDispatchedCommands();
    }
}
