package dev.baton.projections.board;

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
import dev.baton.core.task.TaskDetailsEditedEvent;
import dev.baton.core.task.TaskMovedEvent;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.board.TaskState;
import dev.baton.query.project.ProjectReadModel;
import dev.baton.query.project.ProjectView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds the projects and board read models, live rows plus history for time travel. A card's
 * {@code blocked_by} lists its unfinished dependencies, so a task reaching (or leaving) the finishing column
 * also changes the cards that depend on it.
 */
@Component
@ProcessingGroup(BoardProjection.NAME)
public class BoardProjection {

    public static final String NAME = "board";
    public static final String[] TABLES = {"rm_project", "rm_project_history", "rm_task", "rm_task_history",
            "rm_task_dependency"};

    private final ProjectReadModel projects;
    private final TaskReadModel tasks;
    private final ProjectionContext context;

    public BoardProjection(ProjectReadModel projects, TaskReadModel tasks, ProjectionContext context) {
        this.projects = projects;
        this.tasks = tasks;
        this.context = context;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        projects.insert(gen(), ProjectView.created(event.projectId(), event.settings(), at), ProjectionContext.position(token), at);
    }

    @EventHandler
    void on(ProjectUpdatedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int gen = gen();
        ProjectView before = project(gen, event.projectId());
        ProjectView after = before.withSettings(event.settings(), at, version);
        long position = ProjectionContext.position(token);
        projects.update(gen, after, position, at);
        if (!before.doneColumn().equals(after.doneColumn())) {
            for (TaskState task : tasks.inProject(gen, event.projectId())) {
                TaskState updated = withBlockers(gen, task, after.doneColumn());
                if (!updated.equals(task)) {
                    tasks.update(gen, updated.touched(at, null), position, at);
                }
            }
        }
    }

    @EventHandler
    void on(ProjectArchivedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int gen = gen();
        projects.update(gen, project(gen, event.projectId()).archived(at, version), ProjectionContext.position(token), at);
    }

    @EventHandler
    void on(ProjectValidatedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int gen = gen();
        ProjectView validated = project(gen, event.projectId())
                .validated(new ProjectView.LastValidation(event.ok(), event.checks(), at), version);
        projects.update(gen, validated, ProjectionContext.position(token), at);
    }

    @EventHandler
    void on(TaskCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        int gen = gen();
        var d = event.details();
        TaskState task = new TaskState(event.taskId(), event.projectId(), d.title(), d.description(), d.checklist(),
                d.labels(), d.priority(), d.estimate(), d.focusFiles(), event.column(), event.rank(),
                event.agentProfileId(), event.dependsOn(), List.of(), "idle", null, 0, at, at, 0);
        tasks.insert(gen, withBlockers(gen, task, project(gen, event.projectId()).doneColumn()),
                ProjectionContext.position(token), at);
    }

    @EventHandler
    void on(TaskDetailsEditedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(event.taskId(), at, version, token, task -> task.withDetails(event.details()));
    }

    @EventHandler
    void on(TaskAgentAssignedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(event.taskId(), at, version, token, task -> task.assigned(event.agentProfileId()));
    }

    @EventHandler
    void on(ChecklistItemMarkedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        change(event.taskId(), at, version, token, task -> {
            List<ChecklistItem> items = new ArrayList<>(task.checklist());
            items.set(event.index(), new ChecklistItem(items.get(event.index()).text(), event.done()));
            return task.withChecklist(items);
        });
    }

    @EventHandler
    void on(TaskDependenciesChangedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int gen = gen();
        String done = project(gen, event.projectId()).doneColumn();
        TaskState task = change(event.taskId(), at, version, token,
                t -> withBlockers(gen, t.dependingOn(event.dependsOn()), done));
        tasks.replaceDependencies(gen, task);
    }

    @EventHandler
    void on(TaskMovedEvent event, @Timestamp Instant at, @SequenceNumber long version, TrackingToken token) {
        int gen = gen();
        String done = project(gen, event.projectId()).doneColumn();
        change(event.taskId(), at, version, token, t -> withBlockers(gen, t.placed(event.toColumn(), event.rank()), done));
        if (done.equals(event.fromColumn()) != done.equals(event.toColumn())) {
            refreshDependants(gen, event.taskId(), done, at, token);
        }
    }

    @EventHandler
    void on(TaskDeletedEvent event, @Timestamp Instant at, TrackingToken token) {
        int gen = gen();
        TaskState task = task(gen, event.taskId());
        tasks.delete(gen, task, ProjectionContext.position(token), at);
        refreshDependants(gen, event.taskId(), project(gen, event.projectId()).doneColumn(), at, token);
    }

    private TaskState change(String taskId, Instant at, long version, TrackingToken token, UnaryOperator<TaskState> change) {
        int gen = gen();
        TaskState updated = change.apply(task(gen, taskId)).touched(at, version);
        tasks.update(gen, updated, ProjectionContext.position(token), at);
        return updated;
    }

    private void refreshDependants(int gen, String taskId, String doneColumn, Instant at, TrackingToken token) {
        for (TaskState dependant : tasks.forUpdate(gen, tasks.dependants(gen, taskId))) {
            TaskState updated = withBlockers(gen, dependant, doneColumn);
            if (!updated.equals(dependant)) {
                tasks.update(gen, updated.touched(at, null), ProjectionContext.position(token), at);
            }
        }
    }

    /** Recomputes which dependencies still block a task: those that exist and are not in the finishing column. */
    private TaskState withBlockers(int gen, TaskState task, String doneColumn) {
        List<String> unfinished = tasks.forUpdate(gen, task.dependsOn()).stream()
                .filter(dependency -> !Objects.equals(dependency.column(), doneColumn))
                .map(TaskState::taskId).toList();
        return task.blockedBy(unfinished, doneColumn);
    }

    private ProjectView project(int gen, String projectId) {
        return projects.forUpdate(gen, projectId)
                .orElseThrow(() -> new IllegalStateException("board has no project " + projectId));
    }

    private TaskState task(int gen, String taskId) {
        return tasks.forUpdate(gen, taskId).orElseThrow(() -> new IllegalStateException("board has no task " + taskId));
    }

    private int gen() {
        return context.writingGeneration(NAME);
    }
}
