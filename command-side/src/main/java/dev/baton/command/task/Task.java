package dev.baton.command.task;

import dev.baton.command.directory.BoardDirectory;
import dev.baton.command.directory.BoardDirectory.ProjectEntry;
import dev.baton.command.directory.BoardDirectory.TaskEntry;
import dev.baton.core.common.ChangedFields;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.project.Column;
import dev.baton.core.task.ChecklistItemMarkedEvent;
import dev.baton.core.task.CreateTaskCommand;
import dev.baton.core.task.DeleteTaskCommand;
import dev.baton.core.task.DependencyCycles;
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
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** A card on a project's board: what to do, where it sits, who works on it, and what it waits for. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE) // snapshots serialize the fields
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Task {

    private static final String DEFAULT_COLUMN = "backlog";
    private static final int MAX_STEERING_COMMENT = 4_000;

    @AggregateIdentifier
    private String taskId;
    private String projectId;
    private TaskDetails details;
    private String column;
    private String agentProfileId;
    private List<String> dependsOn;
    private boolean paused;
    private int steerings;

    @CommandHandler
    public Task(CreateTaskCommand command, BoardDirectory directory) {
        ProjectEntry project = activeProject(directory, command.projectId());
        TaskDetails details = TaskDetails.checked(command.title(), command.description(), command.acceptanceCriteria(),
                command.labels(), command.priority(), command.estimate(), command.focusFiles());
        String column = command.column() != null ? command.column()
                : project.columns().contains(DEFAULT_COLUMN) ? DEFAULT_COLUMN : project.columns().get(0);
        requireColumn(project, column);
        requireAgentProfile(directory, command.agentProfileId());
        // No project lock: cards created at the same moment see the same last card, and their ranks still differ
        // (Rank.appended adds a fraction made from the task's id); a new task cannot close a dependency cycle.
        // Holding the lock through the commit made a project take one creation at a time.
        List<String> dependencies = checkedDependencies(directory, command.taskId(), project.projectId(),
                command.dependsOn() == null ? List.of() : command.dependsOn());
        String rank = Rank.appended(directory.lastRank(project.projectId(), column, null).orElse(null), command.taskId());
        apply(new TaskCreatedEvent(command.taskId(), project.projectId(), details, column, rank,
                command.agentProfileId(), dependencies));
    }

    @CommandHandler
    public Long handle(EditTaskCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        Set<String> cleared = command.cleared() == null ? Set.of() : command.cleared();
        TaskDetails edited = details.edited(command.title(), command.description(), command.acceptanceCriteria(),
                command.labels(), command.priority(), command.estimate(), command.focusFiles(), cleared);
        String agent = cleared.contains("agent_profile_id") ? null
                : command.agentProfileId() != null ? command.agentProfileId() : agentProfileId;
        if (!Objects.equals(agent, agentProfileId)) {
            requireAgentProfile(directory, agent);
        }
        List<String> dependencies = dependsOn;
        if (command.dependsOn() != null && !Set.copyOf(command.dependsOn()).equals(Set.copyOf(dependsOn))) {
            directory.lockProject(projectId);
            dependencies = checkedDependencies(directory, taskId, projectId, command.dependsOn());
        }

        List<String> changed = changedFields(details, edited);
        if (!changed.isEmpty()) {
            apply(new TaskDetailsEditedEvent(taskId, projectId, edited, changed));
        }
        if (!Objects.equals(agent, agentProfileId)) {
            apply(new TaskAgentAssignedEvent(taskId, projectId, agent));
        }
        if (dependencies != dependsOn) {
            apply(new TaskDependenciesChangedEvent(taskId, projectId, dependencies));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(MoveTaskCommand command, BoardDirectory directory) {
        ProjectEntry project = activeProject(directory, projectId);
        if (command.column() == null || !project.columns().contains(command.column())) {
            throw DomainException.invalidField("column", "column " + command.column() + " does not exist on this board"
                    + " (columns: " + String.join(", ", project.columns()) + ")");
        }
        directory.lockProject(projectId);
        String rank = rankFor(directory, command);
        apply(new TaskMovedEvent(taskId, projectId, column, command.column(), rank));
        return AggregateLifecycle.getVersion();
    }

    /**
     * The card follows its attempt (running → in_progress, review_ready → review, merged → the finishing column: done,
     * else the last), to the end of that column. Nothing moves when the board has no such column, the card is
     * already there, or the project is archived: the attempt goes on either way.
     */
    @CommandHandler
    public Long handle(FollowAttemptCommand command, BoardDirectory directory) {
        ProjectEntry project = directory.project(projectId)
                .orElseThrow(() -> DomainException.notFound("project", projectId));
        String target = switch (command.status()) {
            case RUNNING -> "in_progress";
            case REVIEW_READY -> "review";
            case MERGED -> Column.finishing(project.columns());
            default -> null;
        };
        moveToEndOf(directory, project, target);
        return AggregateLifecycle.getVersion();
    }

    /** Moves the card to the end of {@code target}, unless null, absent from the board, or where the card is. */
    private void moveToEndOf(BoardDirectory directory, ProjectEntry project, String target) {
        if (target != null && !project.archived() && project.columns().contains(target) && !target.equals(column)) {
            directory.lockProject(projectId);
            apply(new TaskMovedEvent(taskId, projectId, column, target,
                    Rank.between(directory.lastRank(projectId, target, taskId).orElse(null), null)));
        }
    }

    /**
     * The card follows the moxxy job it is linked to (running → in_progress, done → the finishing column), like
     * {@link FollowAttemptCommand}; a failed or stopped job leaves it where it is, for a person to look at.
     */
    @CommandHandler
    public Long handle(FollowMoxxyJobCommand command, BoardDirectory directory) {
        ProjectEntry project = directory.project(projectId)
                .orElseThrow(() -> DomainException.notFound("project", projectId));
        String target = switch (command.taskStatus()) {
            case "running" -> "in_progress";
            case "done" -> Column.finishing(project.columns());
            default -> null;
        };
        moveToEndOf(directory, project, target);
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(MarkChecklistItemCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        if (command.index() < 0 || command.index() >= details.checklist().size()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "checklist item " + command.index() + " does not exist"
                    + " (the task has " + details.checklist().size() + ")");
        }
        if (details.checklist().get(command.index()).done() != command.done()) {
            apply(new ChecklistItemMarkedEvent(taskId, projectId, command.index(), command.done()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(DeleteTaskCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        apply(new TaskDeletedEvent(taskId, projectId));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(PauseTaskCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        if (paused) {
            throw DomainException.invalidState("task " + taskId + " is already paused");
        }
        apply(new TaskPausedEvent(taskId, projectId));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(ResumeTaskCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        if (!paused) {
            throw DomainException.invalidState("task " + taskId + " is not paused");
        }
        apply(new TaskResumedEvent(taskId, projectId));
        return AggregateLifecycle.getVersion();
    }

    /** Allowed whatever runs (or nothing does): it also ends a pause. */
    @CommandHandler
    public Long handle(StopTaskCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        apply(new TaskStoppedEvent(taskId, projectId));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(SteerTaskCommand command, BoardDirectory directory) {
        activeProject(directory, projectId);
        String comment = Checks.required("comment", command.comment(), MAX_STEERING_COMMENT);
        String patch = Checks.optional("prompt_patch", command.promptPatch(), Checks.MAX_TEXT);
        apply(new TaskSteeredEvent(taskId, projectId, steerings, comment,
                patch == null || patch.isBlank() ? null : patch));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(TaskCreatedEvent event) {
        taskId = event.taskId();
        projectId = event.projectId();
        details = event.details();
        column = event.column();
        agentProfileId = event.agentProfileId();
        dependsOn = event.dependsOn();
    }

    @EventSourcingHandler
    void on(TaskDetailsEditedEvent event) {
        details = event.details();
    }

    @EventSourcingHandler
    void on(TaskAgentAssignedEvent event) {
        agentProfileId = event.agentProfileId();
    }

    @EventSourcingHandler
    void on(TaskDependenciesChangedEvent event) {
        dependsOn = event.dependsOn();
    }

    @EventSourcingHandler
    void on(TaskMovedEvent event) {
        column = event.toColumn();
    }

    @EventSourcingHandler
    void on(ChecklistItemMarkedEvent event) {
        details = details.withChecklistItem(event.index(), event.done());
    }

    @EventSourcingHandler
    void on(TaskPausedEvent event) {
        paused = true;
    }

    @EventSourcingHandler
    void on(TaskResumedEvent event) {
        paused = false;
    }

    @EventSourcingHandler
    void on(TaskStoppedEvent event) {
        paused = false;
    }

    @EventSourcingHandler
    void on(TaskSteeredEvent event) {
        steerings = event.index() + 1;
    }

    @EventSourcingHandler
    void on(TaskDeletedEvent event) {
        markDeleted();
    }

    private static ProjectEntry activeProject(BoardDirectory directory, String projectId) {
        ProjectEntry project = directory.project(projectId)
                .orElseThrow(() -> DomainException.notFound("project", projectId));
        if (project.archived()) {
            throw DomainException.invalidState("project " + projectId + " is archived: its tasks are read-only");
        }
        return project;
    }

    private static void requireColumn(ProjectEntry project, String column) {
        if (!project.columns().contains(column)) {
            throw DomainException.invalidField("column", "column " + column + " does not exist on this board"
                    + " (columns: " + String.join(", ", project.columns()) + ")");
        }
    }

    private static void requireAgentProfile(BoardDirectory directory, String agentProfileId) {
        if (agentProfileId != null && !directory.agentProfileExists(agentProfileId)) {
            throw DomainException.invalidField("agent_profile_id", "agent profile " + agentProfileId + " does not exist");
        }
    }

    private static List<String> checkedDependencies(BoardDirectory directory, String taskId, String projectId,
                                                    List<String> requested) {
        List<String> dependencies = Checks.distinctStrings("depends_on", requested, 36);
        Checks.ids("depends_on", dependencies);
        for (String dependency : dependencies) {
            boolean sameBoard = dependency.equals(taskId) || directory.task(dependency)
                    .map(t -> t.projectId().equals(projectId)).orElse(false);
            if (!sameBoard) {
                throw DomainException.invalidField("depends_on", "task " + dependency + " is not on this board");
            }
        }
        List<String> cycle = DependencyCycles.cycleThrough(taskId, dependencies, directory::dependenciesOf);
        if (!cycle.isEmpty()) {
            throw new DomainException(ErrorCode.CYCLE_DETECTED, "these dependencies would form a cycle: "
                    + String.join(" -> ", cycle), Map.of("cycle", cycle));
        }
        return dependencies;
    }

    private String rankFor(BoardDirectory directory, MoveTaskCommand command) {
        TaskEntry before = neighbour(directory, "before_task_id", command.beforeTaskId(), command.column());
        TaskEntry after = neighbour(directory, "after_task_id", command.afterTaskId(), command.column());
        String target = command.column();
        if (before != null && after != null) {
            if (after.rank().compareTo(before.rank()) >= 0) {
                throw DomainException.invalidField("after_task_id", "after_task_id must be above before_task_id");
            }
            return Rank.between(after.rank(), before.rank());
        }
        if (before != null) {
            return Rank.between(directory.rankBelow(projectId, target, before.rank(), taskId).orElse(null), before.rank());
        }
        if (after != null) {
            return Rank.between(after.rank(), directory.rankAbove(projectId, target, after.rank(), taskId).orElse(null));
        }
        return Rank.between(directory.lastRank(projectId, target, taskId).orElse(null), null);
    }

    private TaskEntry neighbour(BoardDirectory directory, String field, String neighbourId, String targetColumn) {
        if (neighbourId == null) {
            return null;
        }
        if (neighbourId.equals(taskId)) {
            throw DomainException.invalidField(field, "a card cannot be placed next to itself");
        }
        TaskEntry entry = directory.task(neighbourId).filter(t -> t.projectId().equals(projectId))
                .orElseThrow(() -> DomainException.invalidField(field, "task " + neighbourId + " is not on this board"));
        if (!entry.column().equals(targetColumn)) {
            throw DomainException.invalidField(field, "task " + neighbourId + " is not in column " + targetColumn);
        }
        return entry;
    }

    private static List<String> changedFields(TaskDetails before, TaskDetails after) {
        return new ChangedFields()
                .compare("title", before.title(), after.title())
                .compare("description", before.description(), after.description())
                .compare("acceptance_criteria", before.checklist(), after.checklist())
                .compare("labels", before.labels(), after.labels())
                .compare("priority", before.priority(), after.priority())
                .compare("estimate", before.estimate(), after.estimate())
                .compare("focus_files", before.focusFiles(), after.focusFiles())
                .names();
    }

    /** Required by Axon. */
    protected Task() {
    }
}
