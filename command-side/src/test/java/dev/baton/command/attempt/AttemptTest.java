package dev.baton.command.attempt;

import dev.baton.command.Refusal;
import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.attempt.ApprovalMode;
import dev.baton.core.attempt.ApproveAttemptCommand;
import dev.baton.core.attempt.AttemptApprovedEvent;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGateFinishedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptPullRequestOpenedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.attempt.DiffStat;
import dev.baton.core.attempt.FailAttemptCommand;
import dev.baton.core.attempt.MarkAttemptRunningCommand;
import dev.baton.core.attempt.RecordGateResultCommand;
import dev.baton.core.attempt.RecordMergeCommand;
import dev.baton.core.attempt.RecordMergeConflictCommand;
import dev.baton.core.attempt.RecordPullRequestCommand;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.core.attempt.StartAttemptGatesCommand;
import dev.baton.core.attempt.SubmitAttemptForReviewCommand;
import dev.baton.core.attempt.TokenUsage;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.task.Rank;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class AttemptTest {

    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String ARCHIVED = "7d0f6c2e-1111-4a5b-9c3d-000000000002";
    private static final String TASK = "9a1b2c3d-3333-4a5b-9c3d-000000000001";
    private static final String ARCHIVED_TASK = "9a1b2c3d-3333-4a5b-9c3d-000000000002";
    private static final String AGENT = "5b8e9c1a-2222-4a5b-9c3d-000000000001";
    private static final String ATTEMPT = "c0ffee00-4444-4a5b-9c3d-000000000001";
    private static final String BRANCH = "baton/" + TASK + "/" + ATTEMPT;

    private static final AttemptQueuedEvent QUEUED = new AttemptQueuedEvent(ATTEMPT, TASK, PROJECT, AGENT, "Add login",
            BRANCH, null, null);
    private static final AttemptRunStartedEvent RUNNING = new AttemptRunStartedEvent(ATTEMPT, TASK, PROJECT, BRANCH,
            "main", "abc123");
    private static final AttemptGatesStartedEvent GATES = new AttemptGatesStartedEvent(ATTEMPT, TASK, PROJECT, 0);
    private static final AttemptSubmittedForReviewEvent REVIEW = new AttemptSubmittedForReviewEvent(ATTEMPT, TASK,
            PROJECT, "def456", new DiffStat(2, 10, 3), "Added the login form", new TokenUsage(1200, 300, 0.02));
    private static final AttemptApprovedEvent MERGING = new AttemptApprovedEvent(ATTEMPT, TASK, PROJECT, ApprovalMode.MERGE);
    private static final AttemptApprovedEvent PR = new AttemptApprovedEvent(ATTEMPT, TASK, PROJECT, ApprovalMode.PR);
    private static final AttemptMergedEvent MERGED = new AttemptMergedEvent(ATTEMPT, TASK, PROJECT, "main", "fed789");

    private FixtureConfiguration<Attempt> fixture;
    private InMemoryBoardDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Attempt.class);
        List<String> columns = List.of("backlog", "todo", "in_progress", "review", "done");
        directory = new InMemoryBoardDirectory()
                .project(PROJECT, columns, false).project(ARCHIVED, columns, true)
                .task(TASK, PROJECT, "todo", Rank.FIRST, Set.of()).task(ARCHIVED_TASK, ARCHIVED, "todo", Rank.FIRST, Set.of())
                .agentProfile(AGENT, "codex");
        fixture.registerInjectableResource(directory);
    }

    private static void refused(ResultValidator<Attempt> result, ErrorCode code, String message) {
        result.expectNoEvents().expectException(Refusal.refused(code)).expectExceptionMessage(containsString(message));
    }

    // --- start ---

    @Test
    void startQueuesTheAttemptOnItsOwnBranch() {
        fixture.givenNoPriorActivity()
                .when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, "Add login", null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(QUEUED);
    }

    @Test
    void aFollowUpAttemptCarriesThePreviousAttemptAndTheFeedback() {
        fixture.givenNoPriorActivity()
                .when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, null, "c0ffee00-4444-4a5b-9c3d-000000000000",
                        "Please also add a logout button"))
                .expectEvents(new AttemptQueuedEvent(ATTEMPT, TASK, PROJECT, AGENT, null, BRANCH,
                        "c0ffee00-4444-4a5b-9c3d-000000000000", "Please also add a logout button"));
    }

    @Test
    void startIsRefusedForAnUnknownTaskAnArchivedProjectOrAnUnknownAgent() {
        refused(fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, "nope", AGENT, null, null, null)),
                ErrorCode.NOT_FOUND, "task nope");
        refused(fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, ARCHIVED_TASK, AGENT, null, null, null)),
                ErrorCode.INVALID_STATE, "archived");
        refused(fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, TASK, "ghost", null, null, null)),
                ErrorCode.VALIDATION_FAILED, "agent profile ghost");
        refused(fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, TASK, null, null, null, null)),
                ErrorCode.VALIDATION_FAILED, "has no agent profile");
    }

    @Test
    void noAttemptStartsForAPausedTask() {
        directory.paused(TASK, true);
        refused(fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, null, null, null)),
                ErrorCode.INVALID_STATE, "task " + TASK + " is paused: resume it first");
        directory.paused(TASK, false);
        fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, "Add login", null, null))
                .expectEvents(QUEUED);
    }

    @Test
    void withoutAnAgentProfileTheAttemptRunsTheTasksAgent() {
        directory.task(TASK, PROJECT, "todo", Rank.FIRST, Set.of(), AGENT);
        fixture.givenNoPriorActivity()
                .when(new StartAttemptCommand(ATTEMPT, TASK, null, "Add login", null, null))
                .expectEvents(QUEUED);
    }

    @Test
    void aPromptOverTheLimitIsRefused() {
        refused(fixture.givenNoPriorActivity()
                        .when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, "x".repeat(20_001), null, null)),
                ErrorCode.VALIDATION_FAILED, "prompt");
    }

    // --- the run ---

    @Test
    void theRunnerStartsTheQueuedAttempt() {
        fixture.given(QUEUED).when(new MarkAttemptRunningCommand(ATTEMPT, "main", "abc123"))
                .expectEvents(RUNNING).expectResultMessagePayload(1L);
    }

    @Test
    void aRunStartsOnlyOnceAndNeedsItsBaseCommit() {
        fixture.given(QUEUED, RUNNING).when(new MarkAttemptRunningCommand(ATTEMPT, "main", "abc123"))
                .expectNoEvents().expectResultMessagePayload(1L);
        refused(fixture.given(QUEUED).when(new MarkAttemptRunningCommand(ATTEMPT, "main", " ")),
                ErrorCode.VALIDATION_FAILED, "base_commit");
    }

    @Test
    void theGatesRunAfterTheAgentWhateverItsExitCode() {
        fixture.given(QUEUED, RUNNING).when(new StartAttemptGatesCommand(ATTEMPT, 3))
                .expectEvents(new AttemptGatesStartedEvent(ATTEMPT, TASK, PROJECT, 3));
        refused(fixture.given(QUEUED).when(new StartAttemptGatesCommand(ATTEMPT, 0)), ErrorCode.INVALID_STATE, "queued");
    }

    @Test
    void aRunnerCarryingOnAfterARestartMayReportTheGatesStartAndAGateAgain() {
        fixture.given(QUEUED, RUNNING, GATES).when(new StartAttemptGatesCommand(ATTEMPT, 0))
                .expectNoEvents().expectResultMessagePayload(2L);
        fixture.given(QUEUED, RUNNING, GATES, new AttemptGateFinishedEvent(ATTEMPT, TASK, PROJECT, "test", 1, 10, null))
                .when(new RecordGateResultCommand(ATTEMPT, "test", 0, 12, null))
                .expectNoEvents().expectResultMessagePayload(3L);
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW).when(new StartAttemptGatesCommand(ATTEMPT, 0)),
                ErrorCode.INVALID_STATE, "review_ready");
    }

    @Test
    void eachGateResultIsRecorded() {
        fixture.given(QUEUED, RUNNING, GATES).when(new RecordGateResultCommand(ATTEMPT, "test", 1, 5_400, "gate-test.log"))
                .expectEvents(new AttemptGateFinishedEvent(ATTEMPT, TASK, PROJECT, "test", 1, 5_400, "gate-test.log"));
    }

    @Test
    void gateResultsAreRefusedOutsideTheGatesOrForAnUnknownGate() {
        refused(fixture.given(QUEUED, RUNNING).when(new RecordGateResultCommand(ATTEMPT, "test", 0, 10, null)),
                ErrorCode.INVALID_STATE, "running");
        refused(fixture.given(QUEUED, RUNNING, GATES).when(new RecordGateResultCommand(ATTEMPT, "deploy", 0, 10, null)),
                ErrorCode.VALIDATION_FAILED, "gate");
        refused(fixture.given(QUEUED, RUNNING, GATES).when(new RecordGateResultCommand(ATTEMPT, "lint", 0, -1, null)),
                ErrorCode.VALIDATION_FAILED, "duration_ms");
    }

    @Test
    void untrackedFilesToCopyAreKeptAndMustStayInsideTheCheckout() {
        fixture.givenNoPriorActivity()
                .when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, null, null, null, List.of(".env", "config/dev.env")))
                .expectEvents(new AttemptQueuedEvent(ATTEMPT, TASK, PROJECT, AGENT, null, BRANCH, null, null,
                        List.of(".env", "config/dev.env")));
        for (String bad : List.of("/etc/passwd", "../secrets", "config/../../x", "~/.ssh/id_rsa", " ")) {
            refused(fixture.givenNoPriorActivity()
                    .when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, null, null, null, List.of(bad))),
                    ErrorCode.VALIDATION_FAILED, "copy_files");
        }
        refused(fixture.givenNoPriorActivity().when(new StartAttemptCommand(ATTEMPT, TASK, AGENT, null, null, null,
                java.util.stream.IntStream.range(0, 51).mapToObj(i -> "f" + i).toList())), ErrorCode.VALIDATION_FAILED,
                "copy_files");
    }

    @Test
    void afterTheGatesTheAttemptIsReadyForReviewEvenWithFailedGates() {
        fixture.given(QUEUED, RUNNING, GATES, new AttemptGateFinishedEvent(ATTEMPT, TASK, PROJECT, "test", 1, 10, null))
                .when(new SubmitAttemptForReviewCommand(ATTEMPT, "def456", new DiffStat(2, 10, 3), "Added the login form",
                        new TokenUsage(1200, 300, 0.02)))
                .expectEvents(REVIEW);
    }

    @Test
    void anAgentThatReportsNoUsageUsedNone() {
        fixture.given(QUEUED, RUNNING, GATES)
                .when(new SubmitAttemptForReviewCommand(ATTEMPT, "def456", new DiffStat(0, 0, 0), null, null))
                .expectEvents(new AttemptSubmittedForReviewEvent(ATTEMPT, TASK, PROJECT, "def456", new DiffStat(0, 0, 0),
                        null, TokenUsage.NONE));
    }

    @Test
    void aReviewNeedsTheHeadCommitAndTheDiffStat() {
        refused(fixture.given(QUEUED, RUNNING, GATES)
                        .when(new SubmitAttemptForReviewCommand(ATTEMPT, null, new DiffStat(0, 0, 0), null, null)),
                ErrorCode.VALIDATION_FAILED, "head_commit");
        refused(fixture.given(QUEUED, RUNNING, GATES).when(new SubmitAttemptForReviewCommand(ATTEMPT, "def456", null, null, null)),
                ErrorCode.VALIDATION_FAILED, "diff_stat");
        refused(fixture.given(QUEUED, RUNNING)
                        .when(new SubmitAttemptForReviewCommand(ATTEMPT, "def456", new DiffStat(0, 0, 0), null, null)),
                ErrorCode.INVALID_STATE, "running");
    }

    // --- approval, merge, pull request ---

    @Test
    void approvalIsAllowedOnlyInReview() {
        fixture.given(QUEUED, RUNNING, GATES, REVIEW).when(new ApproveAttemptCommand(ATTEMPT, "merge")).expectEvents(MERGING);
        refused(fixture.given(QUEUED, RUNNING).when(new ApproveAttemptCommand(ATTEMPT, "merge")),
                ErrorCode.INVALID_STATE, "is running: it cannot be approved");
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING).when(new ApproveAttemptCommand(ATTEMPT, "merge")),
                ErrorCode.INVALID_STATE, "is merging");
    }

    @Test
    void anUnknownApprovalModeIsRefused() {
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW).when(new ApproveAttemptCommand(ATTEMPT, "squash")),
                ErrorCode.VALIDATION_FAILED, "mode");
    }

    @Test
    void aMergeEndsTheAttempt() {
        fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING).when(new RecordMergeCommand(ATTEMPT, "main", "fed789"))
                .expectEvents(MERGED);
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING, MERGED)
                        .when(new FailAttemptCommand(ATTEMPT, "late crash report")),
                ErrorCode.INVALID_STATE, "is merged");
    }

    @Test
    void aConflictSendsTheAttemptBackToReviewWhereItCanBeApprovedAgain() {
        fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING)
                .when(new RecordMergeConflictCommand(ATTEMPT, List.of("src/Login.java"), "main changed src/Login.java"))
                .expectEvents(new AttemptMergeConflictFoundEvent(ATTEMPT, TASK, PROJECT, List.of("src/Login.java"),
                        "main changed src/Login.java"));
        fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING,
                        new AttemptMergeConflictFoundEvent(ATTEMPT, TASK, PROJECT, List.of("a"), "conflict"))
                .when(new ApproveAttemptCommand(ATTEMPT, "pr")).expectEvents(PR);
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW)
                        .when(new RecordMergeConflictCommand(ATTEMPT, List.of("a"), "conflict")),
                ErrorCode.INVALID_STATE, "must be merging");
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING)
                        .when(new RecordMergeConflictCommand(ATTEMPT, List.of("a"), " ")),
                ErrorCode.VALIDATION_FAILED, "message");
    }

    @Test
    void aPullRequestThatCannotBeOpenedSendsTheAttemptBackToReview() {
        fixture.given(QUEUED, RUNNING, GATES, REVIEW, PR)
                .when(new RecordMergeConflictCommand(ATTEMPT, List.of(), "GitHub answered 401 Bad credentials"))
                .expectEvents(new AttemptMergeConflictFoundEvent(ATTEMPT, TASK, PROJECT, List.of(),
                        "GitHub answered 401 Bad credentials"));
    }

    @Test
    void aPullRequestEndsAnAttemptApprovedAsPr() {
        fixture.given(QUEUED, RUNNING, GATES, REVIEW, PR)
                .when(new RecordPullRequestCommand(ATTEMPT, "https://github.example/acme/app/pull/7"))
                .expectEvents(new AttemptPullRequestOpenedEvent(ATTEMPT, TASK, PROJECT, "https://github.example/acme/app/pull/7"));
    }

    @Test
    void theOutcomeMustMatchTheApprovalMode() {
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW, PR).when(new RecordMergeCommand(ATTEMPT, "main", "fed789")),
                ErrorCode.INVALID_STATE, "approved as merge");
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING)
                        .when(new RecordPullRequestCommand(ATTEMPT, "https://github.example/pull/1")),
                ErrorCode.INVALID_STATE, "approved as pr");
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW).when(new RecordMergeCommand(ATTEMPT, "main", "fed789")),
                ErrorCode.INVALID_STATE, "review_ready");
    }

    // --- failure and cancellation ---

    @Test
    void anAttemptCanFailInAnyStateThatIsNotTerminalAndSaysWhereItFailed() {
        fixture.given(QUEUED, RUNNING).when(new FailAttemptCommand(ATTEMPT, "the agent exceeded its runtime limit"))
                .expectEvents(new AttemptFailedEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING,
                        "the agent exceeded its runtime limit"));
        fixture.given(QUEUED, RUNNING, GATES, REVIEW, MERGING).when(new FailAttemptCommand(ATTEMPT, "push refused"))
                .expectEvents(new AttemptFailedEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.MERGING, "push refused"));
        refused(fixture.given(QUEUED).when(new FailAttemptCommand(ATTEMPT, "")), ErrorCode.VALIDATION_FAILED, "reason");
    }

    @Test
    void cancelIsAllowedWhileQueuedRunningOrRunningGates() {
        fixture.given(QUEUED).when(new CancelAttemptCommand(ATTEMPT, null))
                .expectEvents(new AttemptCancelledEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.QUEUED, null));
        fixture.given(QUEUED, RUNNING, GATES).when(new CancelAttemptCommand(ATTEMPT, "wrong task"))
                .expectEvents(new AttemptCancelledEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.GATES_RUNNING, "wrong task"));
        refused(fixture.given(QUEUED, RUNNING, GATES, REVIEW).when(new CancelAttemptCommand(ATTEMPT, null)),
                ErrorCode.INVALID_STATE, "cannot be cancelled");
    }

    @Test
    void aFinishedAttemptTakesNoFurtherStep() {
        AttemptCancelledEvent cancelled = new AttemptCancelledEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.RUNNING, null);
        refused(fixture.given(QUEUED, RUNNING, cancelled).when(new StartAttemptGatesCommand(ATTEMPT, 0)),
                ErrorCode.INVALID_STATE, "is cancelled");
        refused(fixture.given(QUEUED, RUNNING, cancelled).when(new CancelAttemptCommand(ATTEMPT, null)),
                ErrorCode.INVALID_STATE, "is cancelled");
        refused(fixture.given(QUEUED, new AttemptFailedEvent(ATTEMPT, TASK, PROJECT, AttemptStatus.QUEUED, "no runner"))
                .when(new MarkAttemptRunningCommand(ATTEMPT, "main", "abc123")), ErrorCode.INVALID_STATE, "is failed");
    }

    @Test
    void statusesKnowWhichAreTerminalAndCancellable() {
        assertThat(List.of(AttemptStatus.values())).filteredOn(AttemptStatus::isTerminal).containsExactly(
                AttemptStatus.MERGED, AttemptStatus.PR_CREATED, AttemptStatus.FAILED, AttemptStatus.CANCELLED);
        assertThat(List.of(AttemptStatus.values())).filteredOn(AttemptStatus::isCancellable).containsExactly(
                AttemptStatus.QUEUED, AttemptStatus.RUNNING, AttemptStatus.GATES_RUNNING);
        assertThat(AttemptStatus.GATES_RUNNING.id()).isEqualTo("gates_running");
    }
}
