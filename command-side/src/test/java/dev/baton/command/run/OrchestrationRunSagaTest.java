package dev.baton.command.run;

import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGateFinishedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.attempt.DiffStat;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.core.attempt.TokenUsage;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand.Outcome;
import dev.baton.core.run.RecordRunTaskControlCommand;
import dev.baton.core.run.RecordRunTaskControlCommand.Control;
import dev.baton.core.run.RunAttemptPromotedEvent;
import dev.baton.core.run.RunCompletedEvent;
import dev.baton.core.run.RunIds;
import dev.baton.core.run.RunMergeRequestedEvent;
import dev.baton.core.run.RunOptions;
import dev.baton.core.run.RunStartedEvent;
import dev.baton.core.run.RunTask;
import dev.baton.core.run.RunTaskStartedEvent;
import dev.baton.core.run.RunTaskStoppedEvent;
import dev.baton.core.task.TaskPausedEvent;
import dev.baton.core.task.TaskStoppedEvent;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The run saga turns the run's decisions into attempt commands and reports each attempt's outcome back. */
class OrchestrationRunSagaTest {

    private static final String RUN = "7e57e57e-5555-4a5b-9c3d-000000000001";
    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String AGENT = "5b8e9c1a-2222-4a5b-9c3d-000000000001";
    private static final String TASK = "9a1b2c3d-3333-4a5b-9c3d-00000000000a";
    private static final String ATTEMPT = RunIds.attempt(RUN, TASK, 1);
    private static final RunStartedEvent STARTED = new RunStartedEvent(RUN, PROJECT,
            "6a6a6a6a-6666-4a5b-9c3d-000000000001", List.of(new RunTask(TASK, "a", "A", List.of())),
            RunOptions.checked(3, "release", AGENT, RunOptions.AUTO_ON_GATES_PASS, RunOptions.FAIL_FAST, 0));
    private static final RunTaskStartedEvent TASK_STARTED = new RunTaskStartedEvent(RUN, PROJECT, TASK, ATTEMPT, 1, AGENT,
            "release", "try harder");
    private static final AttemptSubmittedForReviewEvent REVIEW = new AttemptSubmittedForReviewEvent(ATTEMPT, TASK,
            PROJECT, "def456", new DiffStat(1, 2, 0), "done", TokenUsage.NONE);

    /** A fresh saga fixture whose run answers every report with no decisions. */
    private static FixtureConfiguration fixture() {
        return fixture(List.of());
    }

    /** A fresh saga fixture whose run answers every report with these decisions. */
    private static FixtureConfiguration fixture(List<RunTaskStartedEvent> decisions) {
        SagaTestFixture<OrchestrationRunSaga> fixture = new SagaTestFixture<>(OrchestrationRunSaga.class);
        fixture.setCallbackBehavior((command, metaData) -> command instanceof RecordRunAttemptOutcomeCommand
                || command instanceof RecordRunTaskControlCommand ? decisions : null);
        return fixture;
    }

    private static RecordRunAttemptOutcomeCommand report(Outcome outcome, String detail, List<String> files) {
        return new RecordRunAttemptOutcomeCommand(RUN, TASK, ATTEMPT, outcome, detail, files);
    }

    @Test
    void aStartedTaskGetsItsAttemptOnTheRunsTargetBranch() {
        fixture().givenAPublished(STARTED).whenPublishingA(TASK_STARTED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new StartAttemptCommand(ATTEMPT, TASK, AGENT, "try harder", null, null, null,
                        "release"));
    }

    @Test
    void aGreenReviewIsReportedAsReadyAndFailedGatesAreNamed() {
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED).whenPublishingA(REVIEW)
                .expectDispatchedCommands(report(Outcome.REVIEW_READY, null, List.of()));
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .andThenAPublished(new AttemptGateFinishedEvent(ATTEMPT, TASK, PROJECT, "install", 0, 10, "i"))
                .andThenAPublished(new AttemptGateFinishedEvent(ATTEMPT, TASK, PROJECT, "test", 1, 10, "t"))
                .whenPublishingA(REVIEW)
                .expectDispatchedCommands(report(Outcome.GATES_FAILED, "test (exit 1)", List.of()));
    }

    @Test
    void theMergeQueuesTurnApprovesTheAttemptAndItsOutcomeIsReported() {
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new RunMergeRequestedEvent(RUN, PROJECT, TASK, ATTEMPT))
                .expectDispatchedCommands(new ApproveAttemptCommand(ATTEMPT, "merge"));
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new AttemptMergedEvent(ATTEMPT, TASK, PROJECT, "release", "abc"))
                .expectDispatchedCommands(report(Outcome.MERGED, "abc", List.of()));
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new AttemptMergeConflictFoundEvent(ATTEMPT, TASK, PROJECT, List.of("a.txt"), "both"))
                .expectDispatchedCommands(report(Outcome.MERGE_CONFLICT, "both", List.of("a.txt")));
    }

    @Test
    void theAttemptsARunDecidesOnAReportStartAtOnceAndOnlyOnce() {
        String next = "9a1b2c3d-3333-4a5b-9c3d-00000000000b";
        RunTaskStartedEvent decided = new RunTaskStartedEvent(RUN, PROJECT, next, RunIds.attempt(RUN, next, 1), 1,
                AGENT, "release", null);
        fixture(List.of(decided)).givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new AttemptMergedEvent(ATTEMPT, TASK, PROJECT, "release", "abc"))
                .expectAssociationWith("attemptId", decided.attemptId())
                .expectDispatchedCommands(report(Outcome.MERGED, "abc", List.of()),
                        new StartAttemptCommand(decided.attemptId(), next, AGENT, null, null, null, null, "release"));
        fixture(List.of(decided)).givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .andThenAPublished(new AttemptMergedEvent(ATTEMPT, TASK, PROJECT, "release", "abc"))
                .whenPublishingA(decided)
                .expectNoDispatchedCommands();
    }

    @Test
    void failuresAndCancellationsAreReported() {
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new AttemptFailedEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING, "exit 3"))
                .expectDispatchedCommands(report(Outcome.FAILED, "exit 3", List.of()));
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new AttemptCancelledEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING, "no"))
                .expectDispatchedCommands(report(Outcome.CANCELLED, "no", List.of()));
    }

    @Test
    void anAttemptTheRunDidNotStartIsNotReported() {
        fixture().givenAPublished(STARTED)
                .whenPublishingA(new AttemptFailedEvent("c0ffee00-4444-4a5b-9c3d-000000000077", TASK, PROJECT,
                        AttemptStatus.RUNNING, "someone else's"))
                .expectNoDispatchedCommands();
    }

    @Test
    void aStoppedTaskHasItsAttemptCancelledAndAPromotionCancelsTheSupersededOne() {
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new RunTaskStoppedEvent(RUN, PROJECT, TASK, ATTEMPT, "task b failed (fail fast)"))
                .expectDispatchedCommands(new CancelAttemptCommand(ATTEMPT, "task b failed (fail fast)"));
        String promoted = "c0ffee00-4444-4a5b-9c3d-000000000088";
        fixture().givenAPublished(STARTED).andThenAPublished(TASK_STARTED)
                .whenPublishingA(new RunAttemptPromotedEvent(RUN, PROJECT, TASK, promoted, ATTEMPT))
                .expectAssociationWith("attemptId", promoted)
                .expectDispatchedCommands(new CancelAttemptCommand(ATTEMPT, "another attempt of the task was promoted"));
    }

    @Test
    void thePausesAndStopsOfItsTasksReachTheRun() {
        fixture().givenAPublished(STARTED).whenPublishingA(new TaskPausedEvent(TASK, PROJECT))
                .expectDispatchedCommands(new RecordRunTaskControlCommand(RUN, TASK, Control.PAUSED));
        fixture().givenAPublished(STARTED).whenPublishingA(new TaskStoppedEvent(TASK, PROJECT))
                .expectDispatchedCommands(new RecordRunTaskControlCommand(RUN, TASK, Control.STOPPED));
    }

    @Test
    void theSagaEndsWithTheRun() {
        fixture().givenAPublished(STARTED).whenPublishingA(new RunCompletedEvent(RUN, PROJECT))
                .expectActiveSagas(0);
    }
}
