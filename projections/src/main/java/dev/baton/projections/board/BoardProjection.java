package dev.baton.projections.board;

import dev.baton.core.attempt.AttemptApprovedEvent;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptPullRequestOpenedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.core.common.ProjectScoped;
import dev.baton.core.moxxy.MoxxyJobReachedAgainEvent;
import dev.baton.core.moxxy.MoxxyJobStalledEvent;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.moxxy.MoxxyJobStateChangedEvent;
import dev.baton.core.project.ProjectArchivedEvent;
import dev.baton.core.project.ProjectCreatedEvent;
import dev.baton.core.project.ProjectUpdatedEvent;
import dev.baton.core.project.ProjectValidatedEvent;
import dev.baton.core.task.ChecklistItem;
import dev.baton.core.task.ChecklistItemMarkedEvent;
import dev.baton.core.task.TaskAgentAssignedEvent;
import dev.baton.core.task.TaskCreatedEvent;
import dev.baton.core.task.TaskDeletedEvent;
import dev.baton.core.task.TaskDependenciesChangedEvent;
import dev.baton.core.task.TaskDetails;
import dev.baton.core.task.TaskDetailsEditedEvent;
import dev.baton.core.task.Steering;
import dev.baton.core.task.TaskMovedEvent;
import dev.baton.core.task.TaskPausedEvent;
import dev.baton.core.task.TaskResumedEvent;
import dev.baton.core.task.TaskSteeredEvent;
import dev.baton.core.task.TaskStoppedEvent;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.board.BoardBatch;
import dev.baton.query.board.MoxxyLink;
import dev.baton.query.board.TaskControls;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.board.TaskState;
import dev.baton.query.project.ProjectView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds the projects and board read models, live rows plus history for time travel. A card's
 * {@code blocked_by} lists its unfinished dependencies, so a task reaching (or leaving) the finishing column
 * also changes the cards that depend on it. Writes go through a {@link BoardBatch} per transaction.
 */
@Component
@ProcessingGroup(BoardProjection.NAME)
public class BoardProjection {

    public static final String NAME = "board";
    public static final String[] TABLES = {"rm_project", "rm_project_history", "rm_task", "rm_task_history",
            "rm_task_dependency"};

    private final TaskReadModel tasks;
    private final ProjectionContext context;

    public BoardProjection(TaskReadModel tasks, ProjectionContext context) {
        this.tasks = tasks;
        this.context = context;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        batch().insertProject(ProjectView.created(event.projectId(), event.settings(), at), context.position(token), at);
    }

    @EventHandler
    void on(ProjectUpdatedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        BoardBatch batch = batch();
        ProjectView before = project(batch, event.projectId());
        ProjectView after = before.withSettings(event.settings(), at, version);
        long position = context.position(token);
        batch.updateProject(after, position, at);
        if (!before.doneColumn().equals(after.doneColumn())) {
            for (TaskState task : batch.tasksOfProject(event.projectId())) {
                TaskState updated = withBlockers(batch, task, after.doneColumn());
                if (!updated.equals(task)) {
                    batch.updateTask(updated.touched(at, null), position, at);
                }
            }
        }
    }

    @EventHandler
    void on(ProjectArchivedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        BoardBatch batch = batch();
        batch.updateProject(project(batch, event.projectId()).archived(at, version), context.position(token), at);
    }

    @EventHandler
    void on(ProjectValidatedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        BoardBatch batch = batch();
        ProjectView validated = project(batch, event.projectId())
                .validated(new ProjectView.LastValidation(event.ok(), event.checks(), at), version);
        batch.updateProject(validated, context.position(token), at);
    }

    @EventHandler
    void on(TaskCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        BoardBatch batch = batch();
        TaskDetails d = event.details();
        TaskState task = new TaskState(event.taskId(), event.projectId(), d.title(), d.description(), d.checklist(),
                d.labels(), d.priority(), d.estimate(), d.focusFiles(), event.column(), event.rank(),
                event.agentProfileId(), event.dependsOn(), List.of(), "idle", null, 0, at, at, 0, null, TaskControls.NONE,
                null);
        batch.insertTask(withBlockers(batch, task, project(batch, event.projectId()).doneColumn()),
                context.position(token), at);
    }

    @EventHandler
    void on(TaskDetailsEditedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(batch(), event.taskId(), at, version, token, task -> task.withDetails(event.details()));
    }

    @EventHandler
    void on(TaskAgentAssignedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(batch(), event.taskId(), at, version, token, task -> task.assigned(event.agentProfileId()));
    }

    @EventHandler
    void on(ChecklistItemMarkedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(batch(), event.taskId(), at, version, token, task -> {
            List<ChecklistItem> items = new ArrayList<>(task.checklist());
            items.set(event.index(), new ChecklistItem(items.get(event.index()).text(), event.done()));
            return task.withChecklist(items);
        });
    }

    @EventHandler
    void on(TaskDependenciesChangedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        BoardBatch batch = batch();
        String done = project(batch, event.projectId()).doneColumn();
        TaskState task = change(batch, event.taskId(), at, version, token,
                t -> withBlockers(batch, t.dependingOn(event.dependsOn()), done));
        batch.dependenciesChanged(task);
    }

    @EventHandler
    void on(TaskMovedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        BoardBatch batch = batch();
        String done = project(batch, event.projectId()).doneColumn();
        change(batch, event.taskId(), at, version, token, t -> withBlockers(batch, t.placed(event.toColumn(), event.rank()), done));
        if (done.equals(event.fromColumn()) != done.equals(event.toColumn())) {
            refreshDependants(batch, event.taskId(), done, at, token);
        }
    }

    @EventHandler
    void on(TaskDeletedEvent event, @Timestamp Instant at, TrackingToken token) {
        BoardBatch batch = batch();
        batch.deleteTask(task(batch, event.taskId()), context.position(token), at);
        refreshDependants(batch, event.taskId(), project(batch, event.projectId()).doneColumn(), at, token);
    }

    // --- controls: a paused task shows paused, a stopped one stopped until its next attempt; steerings are kept ---

    @EventHandler
    void on(TaskPausedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        control(event.taskId(), event.projectId(), at, version, token, (task, done) -> task.paused(true, done));
    }

    @EventHandler
    void on(TaskResumedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        control(event.taskId(), event.projectId(), at, version, token, (task, done) -> task.paused(false, done));
    }

    @EventHandler
    void on(TaskStoppedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        control(event.taskId(), event.projectId(), at, version, token, TaskState::stopped);
    }

    @EventHandler
    void on(TaskSteeredEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(batch(), event.taskId(), at, version, token, task -> task.steered(new Steering(event.index(),
                event.comment(), event.promptPatch(), at)));
    }

    private void control(String taskId, String projectId, Instant at, long version, TrackingToken token,
                         BiFunction<TaskState, String, TaskState> control) {
        BoardBatch batch = batch();
        String done = project(batch, projectId).doneColumn();
        change(batch, taskId, at, version, token, task -> control.apply(task, done));
    }

    // --- attempts: the card shows the status of the task's attempt under way, then how the last one ended ---

    @EventHandler
    void on(AttemptQueuedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptChange(event.taskId(), at, token, TaskState::attemptQueued);
    }

    @EventHandler
    void on(AttemptRunStartedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptChange(event.taskId(), at, token, task -> task.attemptAt("running"));
    }

    @EventHandler
    void on(AttemptGatesStartedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptChange(event.taskId(), at, token, task -> task.attemptAt("gates_running"));
    }

    @EventHandler
    void on(AttemptSubmittedForReviewEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptChange(event.taskId(), at, token, task -> task.attemptAt("review_ready"));
    }

    @EventHandler
    void on(AttemptApprovedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptChange(event.taskId(), at, token, task -> task.attemptAt("merging"));
    }

    @EventHandler
    void on(AttemptMergeConflictFoundEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptChange(event.taskId(), at, token, task -> task.attemptAt("review_ready"));
    }

    @EventHandler
    void on(AttemptMergedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptEnded(event.taskId(), event.projectId(), "merged", at, token);
    }

    @EventHandler
    void on(AttemptPullRequestOpenedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptEnded(event.taskId(), event.projectId(), "pr_created", at, token);
    }

    @EventHandler
    void on(AttemptFailedEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptEnded(event.taskId(), event.projectId(), "failed", at, token);
    }

    @EventHandler
    void on(AttemptCancelledEvent event, @Timestamp Instant at, TrackingToken token) {
        attemptEnded(event.taskId(), event.projectId(), "cancelled", at, token);
    }

    // --- moxxy jobs: a linked card shows the job and follows its state (the saga moves it between columns) ---

    @EventHandler
    void on(MoxxyJobStartedEvent event, @Timestamp Instant at, TrackingToken token) {
        MoxxyLink link = MoxxyLink.queued(event.jobId(), event.agent());
        moxxyChange(event.taskIds(), event.projectId(), at, token, task -> link);
    }

    @EventHandler
    void on(MoxxyJobStateChangedEvent event, @Timestamp Instant at, TrackingToken token) {
        moxxyChange(linkedTo(event.jobId(), event.taskIds()), event.projectId(), at, token,
                task -> task.moxxy().at(event.to()));
    }

    @EventHandler
    void on(MoxxyJobStalledEvent event, @Timestamp Instant at, TrackingToken token) {
        moxxyChange(linkedTo(event.jobId(), event.taskIds()), event.projectId(), at, token,
                task -> task.moxxy().withProblem(event.reason()));
    }

    @EventHandler
    void on(MoxxyJobReachedAgainEvent event, @Timestamp Instant at, TrackingToken token) {
        moxxyChange(linkedTo(event.jobId(), event.taskIds()), event.projectId(), at, token,
                task -> task.moxxy().withProblem(null));
    }

    /** The tasks among {@code taskIds} still linked to the job (not since worked on by an attempt or another job). */
    private List<String> linkedTo(String jobId, List<String> taskIds) {
        BoardBatch batch = batch();
        return taskIds.stream().filter(id -> batch.task(id)
                .map(task -> task.moxxy() != null && task.moxxy().jobId().equals(jobId)).orElse(false)).toList();
    }

    private void moxxyChange(List<String> taskIds, String projectId, Instant at, TrackingToken token,
                             Function<TaskState, MoxxyLink> link) {
        BoardBatch batch = batch();
        String done = project(batch, projectId).doneColumn();
        for (String taskId : taskIds) {
            batch.task(taskId).ifPresent(task -> batch.updateTask(task.linked(link.apply(task), done).touched(at, null),
                    context.position(token), at));
        }
    }

    private void attemptEnded(String taskId, String projectId, String outcome, Instant at, TrackingToken token) {
        String done = project(batch(), projectId).doneColumn();
        attemptChange(taskId, at, token, task -> task.attemptEnded(outcome, done));
    }

    /** An attempt's event changes its task's card but not the task's version (it is another aggregate's event). */
    private void attemptChange(String taskId, Instant at, TrackingToken token, UnaryOperator<TaskState> change) {
        BoardBatch batch = batch();
        batch.task(taskId).ifPresent(task -> batch.updateTask(change.apply(task).touched(at, null),
                context.position(token), at));
    }

    private TaskState change(BoardBatch batch, String taskId, Instant at, long version, TrackingToken token,
                             UnaryOperator<TaskState> change) {
        TaskState updated = change.apply(task(batch, taskId)).touched(at, version);
        batch.updateTask(updated, context.position(token), at);
        return updated;
    }

    private void refreshDependants(BoardBatch batch, String taskId, String doneColumn, Instant at, TrackingToken token) {
        for (TaskState dependant : batch.tasks(batch.dependants(taskId))) {
            TaskState updated = withBlockers(batch, dependant, doneColumn);
            if (!updated.equals(dependant)) {
                batch.updateTask(updated.touched(at, null), context.position(token), at);
            }
        }
    }

    /** Recomputes which dependencies still block a task: those that exist and are not in the finishing column. */
    private static TaskState withBlockers(BoardBatch batch, TaskState task, String doneColumn) {
        List<String> unfinished = batch.tasks(task.dependsOn()).stream()
                .filter(dependency -> !Objects.equals(dependency.column(), doneColumn))
                .map(TaskState::taskId).toList();
        return task.blockedBy(unfinished, doneColumn);
    }

    private static ProjectView project(BoardBatch batch, String projectId) {
        return batch.project(projectId)
                .orElseThrow(() -> new IllegalStateException("board has no project " + projectId));
    }

    private static TaskState task(BoardBatch batch, String taskId) {
        return batch.task(taskId).orElseThrow(() -> new IllegalStateException("board has no task " + taskId));
    }

    /** The batch of writes of the events being handled; it starts by reading every project and task they name. */
    private BoardBatch batch() {
        return context.batch(NAME, gen -> {
            BoardBatch batch = tasks.batch(gen);
            List<Object> payloads = context.batchPayloads();
            batch.prefetch(namedProjects(payloads), namedTasks(payloads));
            return batch;
        });
    }

    private static Set<String> namedProjects(List<Object> payloads) {
        Set<String> ids = new LinkedHashSet<>();
        payloads.stream().filter(ProjectScoped.class::isInstance).forEach(p -> ids.add(((ProjectScoped) p).projectId()));
        return ids;
    }

    /** The tasks these events change or depend on. */
    private static Set<String> namedTasks(List<Object> payloads) {
        Set<String> ids = new LinkedHashSet<>();
        for (Object payload : payloads) {
            if (payload instanceof TaskCreatedEvent e) {
                ids.add(e.taskId());
                ids.addAll(e.dependsOn());
            } else if (payload instanceof TaskDependenciesChangedEvent e) {
                ids.add(e.taskId());
                ids.addAll(e.dependsOn());
            } else if (payload instanceof TaskMovedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskDetailsEditedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskAgentAssignedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof ChecklistItemMarkedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskDeletedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskPausedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskResumedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskStoppedEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof TaskSteeredEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof AttemptEvent e) {
                ids.add(e.taskId());
            } else if (payload instanceof MoxxyJobStartedEvent e) {
                ids.addAll(e.taskIds());
            } else if (payload instanceof MoxxyJobStateChangedEvent e) {
                ids.addAll(e.taskIds());
            } else if (payload instanceof MoxxyJobStalledEvent e) {
                ids.addAll(e.taskIds());
            } else if (payload instanceof MoxxyJobReachedAgainEvent e) {
                ids.addAll(e.taskIds());
            }
        }
        return ids;
    }
}
