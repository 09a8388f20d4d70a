package dev.baton.command.attempt;

import dev.baton.core.attempt.ApprovalMode;
import dev.baton.core.attempt.AttemptApprovedEvent;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptRuntimeLimits;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.attempt.DiffStat;
import dev.baton.core.attempt.TokenUsage;
import dev.baton.core.attempt.FailAttemptCommand;
import dev.baton.core.task.FollowAttemptCommand;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

class AttemptSagaTest {

    private static final String ATTEMPT = "c0ffee00-4444-4a5b-9c3d-000000000001";
    private static final String TASK = "9a1b2c3d-3333-4a5b-9c3d-000000000001";
    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String AGENT = "5b8e9c1a-2222-4a5b-9c3d-000000000001";
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private static final AttemptQueuedEvent QUEUED = new AttemptQueuedEvent(ATTEMPT, TASK, PROJECT, AGENT, "Add login",
            "baton/" + TASK + "/" + ATTEMPT, null, null);
    private static final AttemptRunStartedEvent RUNNING = new AttemptRunStartedEvent(ATTEMPT, TASK, PROJECT,
            "baton/" + TASK + "/" + ATTEMPT, "main", "abc123");
    private static final AttemptGatesStartedEvent GATES = new AttemptGatesStartedEvent(ATTEMPT, TASK, PROJECT, 0);
    private static final AttemptSubmittedForReviewEvent REVIEW = new AttemptSubmittedForReviewEvent(ATTEMPT, TASK,
            PROJECT, "def456", new DiffStat(1, 2, 0), "done", TokenUsage.NONE);

    private SagaTestFixture<AttemptSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AttemptSaga.class);
        AttemptRuntimeLimits limits = (projectId, agentProfileId) ->
                PROJECT.equals(projectId) && AGENT.equals(agentProfileId) ? LIMIT : Duration.ofHours(2);
        fixture.registerResource(limits);
    }

    @Test
    void aQueuedAttemptStartsTheSagaWithoutADeadline() {
        fixture.givenNoPriorActivity().whenPublishingA(QUEUED)
                .expectActiveSagas(1).expectNoScheduledDeadlines().expectNoDispatchedCommands();
    }

    @Test
    void whenTheAgentRunsItsRuntimeLimitIsScheduledAndTheCardGoesToInProgress() {
        fixture.givenAPublished(QUEUED).whenPublishingA(RUNNING)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(LIMIT, AttemptSaga.RUNTIME_LIMIT)
                .expectDispatchedCommands(new FollowAttemptCommand(TASK, ATTEMPT, AttemptStatus.RUNNING));
    }

    @Test
    void reachingTheLimitFailsTheAttemptNamingTheLimit() {
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING)
                .whenTimeElapses(LIMIT.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(AttemptSaga.RUNTIME_LIMIT)
                .expectDispatchedCommands(new FailAttemptCommand(ATTEMPT,
                        "the attempt exceeded its runtime limit of 1800 s"))
                .expectActiveSagas(1);
    }

    @Test
    void theLimitCoversTheGatesToo() {
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING).andThenAPublished(GATES)
                .whenTimeElapses(LIMIT.plusSeconds(1))
                .expectDispatchedCommands(new FailAttemptCommand(ATTEMPT,
                        "the attempt exceeded its runtime limit of 1800 s"));
    }

    @Test
    void anAttemptReadyForReviewHasNoRuntimeLimitAnyMoreAndItsCardGoesToReview() {
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING).andThenAPublished(GATES)
                .whenPublishingA(REVIEW)
                .expectNoScheduledDeadlines().expectActiveSagas(1)
                .expectDispatchedCommands(new FollowAttemptCommand(TASK, ATTEMPT, AttemptStatus.REVIEW_READY));
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING).andThenAPublished(GATES).andThenAPublished(REVIEW)
                .whenTimeElapses(LIMIT.plusHours(1))
                .expectNoDispatchedCommands();
    }

    @Test
    void theSagaEndsWithTheAttemptAndCancelsItsDeadline() {
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING)
                .whenPublishingA(new AttemptCancelledEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING, null))
                .expectActiveSagas(0).expectNoScheduledDeadlines();
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING)
                .whenPublishingA(new AttemptFailedEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING, "crashed"))
                .expectActiveSagas(0).expectNoScheduledDeadlines();
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING).andThenAPublished(GATES).andThenAPublished(REVIEW)
                .andThenAPublished(new AttemptApprovedEvent(ATTEMPT, TASK, PROJECT, ApprovalMode.MERGE))
                .whenPublishingA(new AttemptMergedEvent(ATTEMPT, TASK, PROJECT, "main", "fed789"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new FollowAttemptCommand(TASK, ATTEMPT, AttemptStatus.MERGED));
    }

    @Test
    void anEndedAttemptsDeadlineNeverFires() {
        fixture.givenAPublished(QUEUED).andThenAPublished(RUNNING)
                .andThenAPublished(new AttemptCancelledEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING, null))
                .whenTimeElapses(LIMIT.plusHours(1))
                .expectNoDispatchedCommands();
    }
}
