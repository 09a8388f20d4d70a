package dev.baton.command.task;

import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.attempt.AttemptStatus;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.task.ChecklistItem;
import dev.baton.core.task.ChecklistItemMarkedEvent;
import dev.baton.core.task.CreateTaskCommand;
import dev.baton.core.task.DeleteTaskCommand;
import dev.baton.core.task.EditTaskCommand;
import dev.baton.core.task.FollowAttemptCommand;
import dev.baton.core.task.FollowMoxxyJobCommand;
import dev.baton.core.task.MarkChecklistItemCommand;
import dev.baton.core.task.MoveTaskCommand;
import dev.baton.core.task.PauseTaskCommand;
import dev.baton.core.task.Rank;
import dev.baton.core.task.ResumeTaskCommand;
import dev.baton.core.task.SteerTaskCommand;
import dev.baton.core.task.StopTaskCommand;
import dev.baton.core.task.TaskAgentAssignedEvent;
import dev.baton.core.task.TaskCreatedEvent;
import dev.baton.core.task.TaskDeletedEvent;
import dev.baton.core.task.TaskDependenciesChangedEvent;
import dev.baton.core.task.TaskDetails;
import dev.baton.core.task.TaskDetailsEditedEvent;
import dev.baton.core.task.TaskMovedEvent;
import dev.baton.core.task.TaskPausedEvent;
import dev.baton.core.task.TaskResumedEvent;
import dev.baton.core.task.TaskSteeredEvent;
import dev.baton.core.task.TaskStoppedEvent;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;

class TaskTest {

    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String TASK = "9a1b2c3d-3333-4a5b-9c3d-000000000001";
    private static final String OTHER = "9a1b2c3d-3333-4a5b-9c3d-000000000002";
    private static final String THIRD = "9a1b2c3d-3333-4a5b-9c3d-000000000003";
    private static final String AGENT = "5b8e9c1a-2222-4a5b-9c3d-000000000001";
    private static final List<String> COLUMNS = List.of("backlog", "todo", "in_progress", "review", "done");
    private static final TaskDetails DETAILS = TaskDetails.checked("Add login", "OAuth please", List.of("works", "tested"),
            List.of("auth"), 1, 3.0, List.of("src/Login.java"));
    private static final TaskCreatedEvent CREATED = new TaskCreatedEvent(TASK, PROJECT, DETAILS, "backlog", Rank.FIRST,
            null, List.of());

    private FixtureConfiguration<Task> fixture;
    private InMemoryBoardDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Task.class);
        directory = new InMemoryBoardDirectory().project(PROJECT, COLUMNS, false);
        fixture.registerInjectableResource(directory);
    }

    private static CreateTaskCommand create(String title, String column, String agent, List<String> dependsOn) {
        return new CreateTaskCommand(TASK, PROJECT, title, "OAuth please", List.of("works", "tested"), List.of("auth"), 1,
                3.0, List.of("src/Login.java"), column, agent, dependsOn);
    }

    private static EditTaskCommand edit(String title, String agent, List<String> dependsOn, Set<String> cleared) {
        return new EditTaskCommand(TASK, null, title, null, null, null, null, null, null, agent, dependsOn, cleared);
    }

    @Test
    void createsATaskAtTheEndOfTheBacklog() {
        directory.task(OTHER, PROJECT, "backlog", Rank.FIRST, Set.of());
        fixture.givenNoPriorActivity()
                .when(create("Add login", null, null, List.of(OTHER)))
                .expectEvents(new TaskCreatedEvent(TASK, PROJECT, DETAILS, "backlog", Rank.appended(Rank.FIRST, TASK),
                        null, List.of(OTHER)));
    }

    @Test
    void refusesATaskOnAnUnknownOrArchivedProject() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(TASK, "nope", "t", null, null, null, null, null, null, null, null, null))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
        directory.project(PROJECT, COLUMNS, true);
        fixture.givenNoPriorActivity()
                .when(create("Add login", null, null, null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    @Test
    void refusesBadFields() {
        fixture.givenNoPriorActivity().when(create("x".repeat(100_000), null, null, null))
                .expectNoEvents().expectException(invalidField("title"));
        fixture.givenNoPriorActivity().when(create("", null, null, null))
                .expectNoEvents().expectException(invalidField("title"));
        fixture.givenNoPriorActivity().when(create("t", "nowhere", null, null))
                .expectNoEvents().expectException(invalidField("column"));
        fixture.givenNoPriorActivity().when(create("t", null, AGENT, null))
                .expectNoEvents().expectException(invalidField("agent_profile_id"));
        fixture.givenNoPriorActivity().when(create("t", null, null, List.of(OTHER)))
                .expectNoEvents().expectException(invalidField("depends_on"));
        fixture.givenNoPriorActivity().when(new CreateTaskCommand(TASK, PROJECT, "t", null, null, null, 7, null, null,
                        null, null, null))
                .expectNoEvents().expectException(invalidField("priority"));
        fixture.givenNoPriorActivity().when(new CreateTaskCommand(TASK, PROJECT, "t", null, null, null, null, null,
                        List.of("../../etc/passwd"), null, null, null))
                .expectNoEvents().expectException(invalidField("focus_files"));
    }

    @Test
    void aTaskCannotDependOnItself() {
        fixture.givenNoPriorActivity().when(create("t", null, null, List.of(TASK)))
                .expectNoEvents().expectException(refused(ErrorCode.CYCLE_DETECTED));
    }

    @Test
    void editsDetailsAssignsAnAgentAndChangesDependenciesInOneStep() {
        directory.agentProfile(AGENT, "codex").task(OTHER, PROJECT, "todo", Rank.FIRST, Set.of());
        TaskDetails renamed = DETAILS.edited("Add SSO login", null, null, null, null, null, null, Set.of());
        fixture.given(CREATED)
                .when(edit("Add SSO login", AGENT, List.of(OTHER), Set.of()))
                .expectEvents(new TaskDetailsEditedEvent(TASK, PROJECT, renamed, List.of("title")),
                        new TaskAgentAssignedEvent(TASK, PROJECT, AGENT),
                        new TaskDependenciesChangedEvent(TASK, PROJECT, List.of(OTHER)))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aNewAcceptanceListKeepsTheDoneMarksOfUnchangedCriteria() {
        TaskDetails expected = new TaskDetails("Add login", "OAuth please",
                List.of(new ChecklistItem("works", true), new ChecklistItem("documented", false)), List.of("auth"), 1, 3.0,
                List.of("src/Login.java"));
        fixture.given(CREATED, new ChecklistItemMarkedEvent(TASK, PROJECT, 0, true))
                .when(new EditTaskCommand(TASK, null, null, null, List.of("works", "documented"), null, null, null, null,
                        null, null, Set.of()))
                .expectEvents(new TaskDetailsEditedEvent(TASK, PROJECT, expected, List.of("acceptance_criteria")));
    }

    @Test
    void clearsOptionalFields() {
        TaskDetails cleared = new TaskDetails("Add login", null, DETAILS.checklist(), List.of("auth"), null, 3.0,
                List.of("src/Login.java"));
        fixture.given(CREATED, new TaskAgentAssignedEvent(TASK, PROJECT, AGENT))
                .when(edit(null, null, null, Set.of("description", "priority", "agent_profile_id")))
                .expectEvents(new TaskDetailsEditedEvent(TASK, PROJECT, cleared, List.of("description", "priority")),
                        new TaskAgentAssignedEvent(TASK, PROJECT, null));
    }

    @Test
    void theTitleCannotBeCleared() {
        fixture.given(CREATED).when(edit(null, null, null, Set.of("title")))
                .expectNoEvents().expectException(invalidField("title"));
    }

    @Test
    void refusesADependencyCycleAndNamesIt() {
        directory.task(OTHER, PROJECT, "todo", Rank.FIRST, Set.of(THIRD))
                .task(THIRD, PROJECT, "todo", Rank.FIRST, Set.of(TASK));
        fixture.given(CREATED).when(edit(null, null, List.of(OTHER), Set.of()))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CYCLE_DETECTED))
                .expectExceptionMessage("these dependencies would form a cycle: " + TASK + " -> " + OTHER + " -> " + THIRD
                        + " -> " + TASK);
    }

    @Test
    void aRefusedPartOfAnEditAppliesNothing() {
        fixture.given(CREATED).when(edit("Renamed", AGENT, null, Set.of()))
                .expectNoEvents().expectException(invalidField("agent_profile_id"));
    }

    @Test
    void aStaleExpectedVersionIsAConflict() {
        fixture.given(CREATED, new ChecklistItemMarkedEvent(TASK, PROJECT, 0, true))
                .when(new EditTaskCommand(TASK, 0L, "Renamed", null, null, null, null, null, null, null, null, Set.of()))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void movesToTheEndOfAColumn() {
        directory.task(OTHER, PROJECT, "todo", Rank.FIRST, Set.of());
        fixture.given(CREATED)
                .when(new MoveTaskCommand(TASK, "todo", null, null))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "todo", Rank.between(Rank.FIRST, null)));
    }

    @Test
    void movesBetweenTwoNeighbours() {
        String low = Rank.FIRST;
        String high = Rank.between(low, null);
        directory.task(OTHER, PROJECT, "todo", low, Set.of()).task(THIRD, PROJECT, "todo", high, Set.of());
        fixture.given(CREATED)
                .when(new MoveTaskCommand(TASK, "todo", THIRD, OTHER))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "todo", Rank.between(low, high)));
        fixture.given(CREATED)
                .when(new MoveTaskCommand(TASK, "todo", OTHER, null))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "todo", Rank.between(null, low)));
    }

    @Test
    void refusesAMoveToAnUnknownColumnOrBesideACardElsewhere() {
        directory.task(OTHER, PROJECT, "review", Rank.FIRST, Set.of());
        fixture.given(CREATED).when(new MoveTaskCommand(TASK, "archive", null, null))
                .expectNoEvents().expectException(invalidField("column"));
        fixture.given(CREATED).when(new MoveTaskCommand(TASK, "todo", OTHER, null))
                .expectNoEvents().expectException(invalidField("before_task_id"));
        fixture.given(CREATED).when(new MoveTaskCommand(TASK, "todo", null, TASK))
                .expectNoEvents().expectException(invalidField("after_task_id"));
    }

    @Test
    void marksAChecklistItemOnce() {
        fixture.given(CREATED).when(new MarkChecklistItemCommand(TASK, 1, true))
                .expectEvents(new ChecklistItemMarkedEvent(TASK, PROJECT, 1, true));
        fixture.given(CREATED, new ChecklistItemMarkedEvent(TASK, PROJECT, 1, true))
                .when(new MarkChecklistItemCommand(TASK, 1, true))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(CREATED).when(new MarkChecklistItemCommand(TASK, 2, true))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_FOUND));
    }

    @Test
    void theCardFollowsItsAttemptToInProgressReviewAndDone() {
        directory.task(OTHER, PROJECT, "review", Rank.FIRST, Set.of());
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.RUNNING))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "in_progress", Rank.FIRST))
                .expectResultMessagePayload(1L);
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.REVIEW_READY))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "review", Rank.between(Rank.FIRST, null)));
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.MERGED))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "done", Rank.FIRST));
    }

    @Test
    void aCardStaysWhereItIsWhenTheBoardHasNoSuchColumnOrItIsThereAlready() {
        directory.project(PROJECT, List.of("todo", "shipped"), false);
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.RUNNING))
                .expectNoEvents().expectResultMessagePayload(0L);
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.MERGED))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "shipped", Rank.FIRST));
        directory.project(PROJECT, COLUMNS, false);
        fixture.given(CREATED, new TaskMovedEvent(TASK, PROJECT, "backlog", "in_progress", Rank.FIRST))
                .when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.RUNNING)).expectNoEvents();
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.CANCELLED)).expectNoEvents();
        directory.project(PROJECT, COLUMNS, true);
        fixture.given(CREATED).when(new FollowAttemptCommand(TASK, "attempt-1", AttemptStatus.RUNNING)).expectNoEvents();
    }

    @Test
    void theCardFollowsItsMoxxyJobToInProgressAndDoneButStaysWhenTheJobFailsOrStops() {
        fixture.given(CREATED).when(new FollowMoxxyJobCommand(TASK, "job-1", "running"))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "in_progress", Rank.FIRST));
        fixture.given(CREATED).when(new FollowMoxxyJobCommand(TASK, "job-1", "done"))
                .expectEvents(new TaskMovedEvent(TASK, PROJECT, "backlog", "done", Rank.FIRST));
        fixture.given(CREATED, new TaskMovedEvent(TASK, PROJECT, "backlog", "in_progress", Rank.FIRST))
                .when(new FollowMoxxyJobCommand(TASK, "job-1", "failed")).expectNoEvents();
        fixture.given(CREATED, new TaskMovedEvent(TASK, PROJECT, "backlog", "in_progress", Rank.FIRST))
                .when(new FollowMoxxyJobCommand(TASK, "job-1", "stopped")).expectNoEvents();
        directory.project(PROJECT, COLUMNS, true);
        fixture.given(CREATED).when(new FollowMoxxyJobCommand(TASK, "job-1", "done")).expectNoEvents();
    }

    @Test
    void deletes() {
        fixture.given(CREATED).when(new DeleteTaskCommand(TASK))
                .expectEvents(new TaskDeletedEvent(TASK, PROJECT));
        fixture.given(CREATED, new TaskDeletedEvent(TASK, PROJECT)).when(new MoveTaskCommand(TASK, "todo", null, null))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void tasksOfAnArchivedProjectAreReadOnly() {
        directory.project(PROJECT, COLUMNS, true);
        fixture.given(CREATED).when(new MoveTaskCommand(TASK, "todo", null, null))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }

    // --- controls: pause, resume, stop, steer ---

    private static final TaskPausedEvent PAUSED = new TaskPausedEvent(TASK, PROJECT);

    @Test
    void pausesOnceAndResumesOnlyWhenPaused() {
        fixture.given(CREATED).when(new PauseTaskCommand(TASK))
                .expectEvents(PAUSED).expectResultMessagePayload(1L);
        fixture.given(CREATED, PAUSED).when(new PauseTaskCommand(TASK))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE))
                .expectExceptionMessage("task " + TASK + " is already paused");
        fixture.given(CREATED, PAUSED).when(new ResumeTaskCommand(TASK))
                .expectEvents(new TaskResumedEvent(TASK, PROJECT));
        fixture.given(CREATED).when(new ResumeTaskCommand(TASK))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE))
                .expectExceptionMessage("task " + TASK + " is not paused");
        fixture.given(CREATED, PAUSED, new TaskResumedEvent(TASK, PROJECT)).when(new PauseTaskCommand(TASK))
                .expectEvents(PAUSED);
    }

    @Test
    void stopsAnyTimeAndEndsAPause() {
        fixture.given(CREATED).when(new StopTaskCommand(TASK))
                .expectEvents(new TaskStoppedEvent(TASK, PROJECT));
        fixture.given(CREATED, PAUSED).when(new StopTaskCommand(TASK))
                .expectEvents(new TaskStoppedEvent(TASK, PROJECT));
        fixture.given(CREATED, PAUSED, new TaskStoppedEvent(TASK, PROJECT)).when(new ResumeTaskCommand(TASK))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
        fixture.given(CREATED, PAUSED, new TaskStoppedEvent(TASK, PROJECT)).when(new PauseTaskCommand(TASK))
                .expectEvents(PAUSED);
    }

    @Test
    void steeringsAreNumberedFromZero() {
        fixture.given(CREATED).when(new SteerTaskCommand(TASK, "  Use tabs  ", "Indent with tabs."))
                .expectEvents(new TaskSteeredEvent(TASK, PROJECT, 0, "Use tabs", "Indent with tabs."))
                .expectResultMessagePayload(1L);
        fixture.given(CREATED, new TaskSteeredEvent(TASK, PROJECT, 0, "Use tabs", null), PAUSED)
                .when(new SteerTaskCommand(TASK, "No, spaces", " "))
                .expectEvents(new TaskSteeredEvent(TASK, PROJECT, 1, "No, spaces", null));
    }

    @Test
    void refusesABadSteering() {
        fixture.given(CREATED).when(new SteerTaskCommand(TASK, null, "patch"))
                .expectNoEvents().expectException(invalidField("comment"));
        fixture.given(CREATED).when(new SteerTaskCommand(TASK, "  ", null))
                .expectNoEvents().expectException(invalidField("comment"));
        fixture.given(CREATED).when(new SteerTaskCommand(TASK, "x".repeat(4_001), null))
                .expectNoEvents().expectException(invalidField("comment"));
        fixture.given(CREATED).when(new SteerTaskCommand(TASK, "x".repeat(4_000), "p".repeat(20_001)))
                .expectNoEvents().expectException(invalidField("prompt_patch"));
        fixture.given(CREATED).when(new SteerTaskCommand(TASK, "x".repeat(4_000), "p".repeat(20_000)))
                .expectEvents(new TaskSteeredEvent(TASK, PROJECT, 0, "x".repeat(4_000), "p".repeat(20_000)));
    }

    @Test
    void theControlsOfATaskOfAnArchivedProjectAreRefused() {
        directory.project(PROJECT, COLUMNS, true);
        for (Object command : List.of(new PauseTaskCommand(TASK), new StopTaskCommand(TASK),
                new SteerTaskCommand(TASK, "Use tabs", null))) {
            fixture.given(CREATED).when(command).expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE))
                    .expectExceptionMessage("project " + PROJECT + " is archived: its tasks are read-only");
        }
        fixture.given(CREATED, PAUSED).when(new ResumeTaskCommand(TASK))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_STATE));
    }
}
