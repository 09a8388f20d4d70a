package dev.baton.command.run;

import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.run.CancelRunCommand;
import dev.baton.core.run.PauseRunCommand;
import dev.baton.core.run.PromoteRunAttemptCommand;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand;
import dev.baton.core.run.RecordRunAttemptOutcomeCommand.Outcome;
import dev.baton.core.run.RecordRunTaskControlCommand;
import dev.baton.core.run.RecordRunTaskControlCommand.Control;
import dev.baton.core.run.ResumeRunCommand;
import dev.baton.core.run.RunAttemptPromotedEvent;
import dev.baton.core.run.RunCancelledEvent;
import dev.baton.core.run.RunCompletedEvent;
import dev.baton.core.run.RunFailedEvent;
import dev.baton.core.run.RunIds;
import dev.baton.core.run.RunMergeRequestedEvent;
import dev.baton.core.run.RunOptions;
import dev.baton.core.run.RunPausedEvent;
import dev.baton.core.run.RunResumedEvent;
import dev.baton.core.run.RunStartedEvent;
import dev.baton.core.run.RunTask;
import dev.baton.core.run.RunTaskBlockedEvent;
import dev.baton.core.run.RunTaskDoneEvent;
import dev.baton.core.run.RunTaskFailedEvent;
import dev.baton.core.run.RunTaskPausedEvent;
import dev.baton.core.run.RunTaskReadyForReviewEvent;
import dev.baton.core.run.RunTaskRequeuedEvent;
import dev.baton.core.run.RunTaskResumedEvent;
import dev.baton.core.run.RunTaskStartedEvent;
import dev.baton.core.run.RunTaskStoppedEvent;
import dev.baton.core.run.StartRunCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;
import static org.axonframework.test.matchers.Matchers.listWithAnyOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.equalTo;

/**
 * The run as a scheduler, on a diamond: A; B and C depend on A; D depends on B and C. Each test gives the history
 * so far and checks the decisions the next report leads to.
 */
class OrchestrationRunTest {

    private static final String RUN = "7e57e57e-5555-4a5b-9c3d-000000000001";
    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String GRAPH = "6a6a6a6a-6666-4a5b-9c3d-000000000001";
    private static final String AGENT = "5b8e9c1a-2222-4a5b-9c3d-000000000001";
    private static final String A = "9a1b2c3d-3333-4a5b-9c3d-00000000000a";
    private static final String B = "9a1b2c3d-3333-4a5b-9c3d-00000000000b";
    private static final String C = "9a1b2c3d-3333-4a5b-9c3d-00000000000c";
    private static final String D = "9a1b2c3d-3333-4a5b-9c3d-00000000000d";
    private static final List<RunTask> DIAMOND = List.of(new RunTask(A, "a", "A", List.of()),
            new RunTask(B, "b", "B", List.of(A)), new RunTask(C, "c", "C", List.of(A)),
            new RunTask(D, "d", "D", List.of(B, C)));

    private FixtureConfiguration<OrchestrationRun> fixture;
    private InMemoryBoardDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrchestrationRun.class);
        directory = new InMemoryBoardDirectory().project(PROJECT, List.of("backlog", "done"), false)
                .agentProfile(AGENT, "builder");
        for (String task : List.of(A, B, C, D)) {
            directory.task(task, PROJECT, "backlog", "m", Set.of());
        }
        fixture.registerInjectableResource(directory);
    }

    private static RunOptions options(int maxAgents, String merge, String failure, int retries) {
        return RunOptions.checked(maxAgents, "main", AGENT, merge, failure, retries);
    }

    private static RunOptions auto(String failure, int retries) {
        return options(2, RunOptions.AUTO_ON_GATES_PASS, failure, retries);
    }

    private static RunStartedEvent started(RunOptions options) {
        return new RunStartedEvent(RUN, PROJECT, GRAPH, DIAMOND, options);
    }

    private static String attempt(String task, int number) {
        return RunIds.attempt(RUN, task, number);
    }

    private static RunTaskStartedEvent start(String task, int number, String prompt) {
        return new RunTaskStartedEvent(RUN, PROJECT, task, attempt(task, number), number, AGENT, "main", prompt);
    }

    private static RecordRunAttemptOutcomeCommand outcome(String task, int number, Outcome outcome, String detail) {
        return new RecordRunAttemptOutcomeCommand(RUN, task, attempt(task, number), outcome, detail, List.of());
    }

    /** A's attempt merged: B and C run (auto merge, two agents). */
    private static Object[] aDone(RunOptions options) {
        return new Object[]{started(options), start(A, 1, null),
                new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), options.autoMerge()),
                new RunMergeRequestedEvent(RUN, PROJECT, A, attempt(A, 1)),
                new RunTaskDoneEvent(RUN, PROJECT, A, attempt(A, 1)), start(B, 1, null), start(C, 1, null)};
    }

    private static Object[] and(Object[] history, Object... more) {
        List<Object> all = new ArrayList<>(Arrays.asList(history));
        all.addAll(List.of(more));
        return all.toArray();
    }

    @Test
    void aRunStartsOnlyTheTasksWithoutDependencies() {
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(RUN, PROJECT, GRAPH, DIAMOND, auto(RunOptions.FAIL_FAST, 0)))
                .expectEvents(started(auto(RunOptions.FAIL_FAST, 0)), start(A, 1, null));
    }

    @Test
    void aTaskMissingFromTheBoardOrAnAgentlessTaskIsRefused() {
        List<RunTask> withStranger = List.of(new RunTask("9a1b2c3d-3333-4a5b-9c3d-0000000000ff", "x", "X", List.of()));
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(RUN, PROJECT, GRAPH, withStranger, auto(RunOptions.FAIL_FAST, 0)))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(RUN, PROJECT, GRAPH, DIAMOND,
                        RunOptions.checked(2, "main", null, null, null, null)))
                .expectNoEvents().expectException(invalidField("agent_profile_id"));
    }

    @Test
    void aGreenAttemptIsMergedAndItsDependantsStartWithinMaxAgents() {
        RunOptions options = auto(RunOptions.FAIL_FAST, 0);
        fixture.given(started(options), start(A, 1, null))
                .when(outcome(A, 1, Outcome.REVIEW_READY, null))
                .expectEvents(new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), true),
                        new RunMergeRequestedEvent(RUN, PROJECT, A, attempt(A, 1)));
        fixture.given(started(options), start(A, 1, null),
                        new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), true),
                        new RunMergeRequestedEvent(RUN, PROJECT, A, attempt(A, 1)))
                .when(outcome(A, 1, Outcome.MERGED, "abc"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, A, attempt(A, 1)), start(B, 1, null),
                        start(C, 1, null));
    }

    @Test
    void aTaskWaitsForAllOfItsDependenciesAndMergesAreOneAtATime() {
        Object[] history = and(aDone(auto(RunOptions.FAIL_FAST, 0)),
                new RunTaskReadyForReviewEvent(RUN, PROJECT, B, attempt(B, 1), true),
                new RunMergeRequestedEvent(RUN, PROJECT, B, attempt(B, 1)));
        fixture.given(history)
                .when(outcome(C, 1, Outcome.REVIEW_READY, null))
                .expectEvents(new RunTaskReadyForReviewEvent(RUN, PROJECT, C, attempt(C, 1), true));
        fixture.given(and(history, new RunTaskReadyForReviewEvent(RUN, PROJECT, C, attempt(C, 1), true)))
                .when(outcome(B, 1, Outcome.MERGED, "b"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, B, attempt(B, 1)),
                        new RunMergeRequestedEvent(RUN, PROJECT, C, attempt(C, 1)));
        fixture.given(and(history, new RunTaskReadyForReviewEvent(RUN, PROJECT, C, attempt(C, 1), true),
                        new RunTaskDoneEvent(RUN, PROJECT, B, attempt(B, 1)),
                        new RunMergeRequestedEvent(RUN, PROJECT, C, attempt(C, 1))))
                .when(outcome(C, 1, Outcome.MERGED, "c"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, C, attempt(C, 1)), start(D, 1, null));
    }

    @Test
    void theLastMergeCompletesTheRun() {
        Object[] history = and(aDone(auto(RunOptions.FAIL_FAST, 0)),
                new RunTaskDoneEvent(RUN, PROJECT, B, attempt(B, 1)), new RunTaskDoneEvent(RUN, PROJECT, C, attempt(C, 1)),
                start(D, 1, null), new RunTaskReadyForReviewEvent(RUN, PROJECT, D, attempt(D, 1), true),
                new RunMergeRequestedEvent(RUN, PROJECT, D, attempt(D, 1)));
        fixture.given(history)
                .when(outcome(D, 1, Outcome.MERGED, "d"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, D, attempt(D, 1)), new RunCompletedEvent(RUN, PROJECT));
    }

    @Test
    void withAManualPolicyAReadyAttemptWaitsForAPersonAndItsMergeStillCounts() {
        RunOptions manual = options(2, RunOptions.MANUAL, RunOptions.FAIL_FAST, 0);
        fixture.given(started(manual), start(A, 1, null))
                .when(outcome(A, 1, Outcome.REVIEW_READY, null))
                .expectEvents(new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), false));
        fixture.given(started(manual), start(A, 1, null),
                        new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), false))
                .when(outcome(A, 1, Outcome.MERGED, "abc"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, A, attempt(A, 1)), start(B, 1, null),
                        start(C, 1, null));
        fixture.given(started(manual), start(A, 1, null))
                .when(outcome(A, 1, Outcome.GATES_FAILED, "test (exit 1)"))
                .expectEvents(new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), false));
    }

    @Test
    void failFastStopsTheTasksAtWorkAndFailsTheRun() {
        fixture.given(aDone(auto(RunOptions.FAIL_FAST, 0)))
                .when(outcome(B, 1, Outcome.FAILED, "the agent exited with 3"))
                .expectEvents(new RunTaskFailedEvent(RUN, PROJECT, B, attempt(B, 1), "the agent exited with 3"),
                        new RunTaskStoppedEvent(RUN, PROJECT, C, attempt(C, 1), "task b failed (fail fast)"),
                        new RunFailedEvent(RUN, PROJECT, "task b failed: the agent exited with 3"));
    }

    @Test
    void bestEffortBlocksOnlyTheDependantsAndFinishesTheRest() {
        Object[] history = aDone(auto(RunOptions.BEST_EFFORT, 0));
        fixture.given(history)
                .when(outcome(B, 1, Outcome.FAILED, "boom"))
                .expectEvents(new RunTaskFailedEvent(RUN, PROJECT, B, attempt(B, 1), "boom"),
                        new RunTaskBlockedEvent(RUN, PROJECT, D, B));
        fixture.given(and(history, new RunTaskFailedEvent(RUN, PROJECT, B, attempt(B, 1), "boom"),
                        new RunTaskBlockedEvent(RUN, PROJECT, D, B),
                        new RunTaskReadyForReviewEvent(RUN, PROJECT, C, attempt(C, 1), true),
                        new RunMergeRequestedEvent(RUN, PROJECT, C, attempt(C, 1))))
                .when(outcome(C, 1, Outcome.MERGED, "c"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, C, attempt(C, 1)),
                        new RunFailedEvent(RUN, PROJECT, "1 failed, 1 blocked of 4 tasks"));
    }

    @Test
    void retryStartsAFreshAttemptWithTheFailureInItsPromptUpToTheLimit() {
        RunOptions retry = auto(RunOptions.RETRY, 1);
        String prompt = "A previous attempt at this task failed: boom"
                + "\nStart again from the current target branch and avoid that failure.";
        fixture.given(started(retry), start(A, 1, null))
                .when(outcome(A, 1, Outcome.FAILED, "boom"))
                .expectEvents(new RunTaskRequeuedEvent(RUN, PROJECT, A, attempt(A, 1), false, "boom", prompt),
                        start(A, 2, prompt));
        fixture.given(started(retry), start(A, 1, null),
                        new RunTaskRequeuedEvent(RUN, PROJECT, A, attempt(A, 1), false, "boom", prompt),
                        start(A, 2, prompt))
                .when(outcome(A, 2, Outcome.FAILED, "boom again"))
                .expectEvents(new RunTaskFailedEvent(RUN, PROJECT, A, attempt(A, 2), "boom again"),
                        new RunTaskBlockedEvent(RUN, PROJECT, B, A), new RunTaskBlockedEvent(RUN, PROJECT, C, A),
                        new RunTaskBlockedEvent(RUN, PROJECT, D, A),
                        new RunFailedEvent(RUN, PROJECT, "1 failed, 3 blocked of 4 tasks"));
    }

    @Test
    void failedGatesAreAFailureUnderAutoMerge() {
        fixture.given(started(auto(RunOptions.BEST_EFFORT, 0)), start(A, 1, null))
                .when(outcome(A, 1, Outcome.GATES_FAILED, "test (exit 1)"))
                .expectEventsMatching(payloadsMatching(listWithAnyOf(equalTo(
                        new RunTaskFailedEvent(RUN, PROJECT, A, attempt(A, 1), "gates failed: test (exit 1)")))));
    }

    @Test
    void aConflictSendsTheTaskBackForAnAttemptOnTheNewBase() {
        Object[] history = and(aDone(auto(RunOptions.FAIL_FAST, 0)),
                new RunTaskReadyForReviewEvent(RUN, PROJECT, B, attempt(B, 1), true),
                new RunMergeRequestedEvent(RUN, PROJECT, B, attempt(B, 1)));
        String prompt = "An earlier attempt at this task could not be merged into the target branch, which has moved"
                + " on: conflict (conflicting files: a.txt)\nRedo the task on the current target branch.";
        fixture.given(history)
                .when(new RecordRunAttemptOutcomeCommand(RUN, B, attempt(B, 1), Outcome.MERGE_CONFLICT, "conflict",
                        List.of("a.txt")))
                .expectEvents(new RunTaskRequeuedEvent(RUN, PROJECT, B, attempt(B, 1), true,
                        "merge conflict in [a.txt]", prompt), start(B, 2, prompt));
    }

    @Test
    void aLateOrRepeatedReportChangesNothing() {
        Object[] history = aDone(auto(RunOptions.FAIL_FAST, 0));
        fixture.given(history).when(outcome(A, 1, Outcome.MERGED, "again")).expectNoEvents();
        fixture.given(history).when(outcome(B, 7, Outcome.FAILED, "an attempt the run did not start")).expectNoEvents();
    }

    @Test
    void aPausedRunStartsAndMergesNothingUntilResumed() {
        RunOptions options = auto(RunOptions.FAIL_FAST, 0);
        fixture.given(started(options), start(A, 1, null)).when(new PauseRunCommand(RUN))
                .expectEvents(new RunPausedEvent(RUN, PROJECT));
        fixture.given(started(options), start(A, 1, null), new RunPausedEvent(RUN, PROJECT))
                .when(outcome(A, 1, Outcome.REVIEW_READY, null))
                .expectEvents(new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), true));
        fixture.given(started(options), start(A, 1, null), new RunPausedEvent(RUN, PROJECT),
                        new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), true))
                .when(new ResumeRunCommand(RUN))
                .expectEvents(new RunResumedEvent(RUN, PROJECT), new RunMergeRequestedEvent(RUN, PROJECT, A, attempt(A, 1)));
        fixture.given(started(options)).when(new ResumeRunCommand(RUN))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void cancellingStopsWhatIsAtWorkAndIsRefusedOnceOver() {
        fixture.given(aDone(auto(RunOptions.FAIL_FAST, 0))).when(new CancelRunCommand(RUN))
                .expectEvents(new RunTaskStoppedEvent(RUN, PROJECT, B, attempt(B, 1), "the run was cancelled"),
                        new RunTaskStoppedEvent(RUN, PROJECT, C, attempt(C, 1), "the run was cancelled"),
                        new RunCancelledEvent(RUN, PROJECT));
        fixture.given(started(auto(RunOptions.FAIL_FAST, 0)), new RunCancelledEvent(RUN, PROJECT))
                .when(new CancelRunCommand(RUN)).expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void aPausedTaskDoesNotStartUntilResumedAndAStoppedOneBlocksItsDependants() {
        RunOptions options = auto(RunOptions.BEST_EFFORT, 0);
        Object[] pausedB = {started(options), start(A, 1, null),
                new RunTaskReadyForReviewEvent(RUN, PROJECT, A, attempt(A, 1), true),
                new RunMergeRequestedEvent(RUN, PROJECT, A, attempt(A, 1)), new RunTaskPausedEvent(RUN, PROJECT, B)};
        fixture.given(pausedB).when(outcome(A, 1, Outcome.MERGED, "a"))
                .expectEvents(new RunTaskDoneEvent(RUN, PROJECT, A, attempt(A, 1)), start(C, 1, null));
        fixture.given(and(pausedB, new RunTaskDoneEvent(RUN, PROJECT, A, attempt(A, 1)), start(C, 1, null)))
                .when(new RecordRunTaskControlCommand(RUN, B, Control.RESUMED))
                .expectEvents(new RunTaskResumedEvent(RUN, PROJECT, B), start(B, 1, null));
        fixture.given(aDone(options)).when(new RecordRunTaskControlCommand(RUN, B, Control.STOPPED))
                .expectEvents(new RunTaskStoppedEvent(RUN, PROJECT, B, null, "stopped by a person"),
                        new RunTaskBlockedEvent(RUN, PROJECT, D, B));
    }

    @Test
    void aPromotedAttemptReplacesTheOneAtWorkAndJoinsTheMergeQueue() {
        String other = "c0ffee00-4444-4a5b-9c3d-000000000099";
        fixture.given(aDone(auto(RunOptions.FAIL_FAST, 0)))
                .when(new PromoteRunAttemptCommand(RUN, B, other))
                .expectEvents(new RunAttemptPromotedEvent(RUN, PROJECT, B, other, attempt(B, 1)),
                        new RunMergeRequestedEvent(RUN, PROJECT, B, other));
        fixture.given(started(auto(RunOptions.FAIL_FAST, 0)))
                .when(new PromoteRunAttemptCommand(RUN, "9a1b2c3d-3333-4a5b-9c3d-0000000000ff", other))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }
}
