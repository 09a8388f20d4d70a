package dev.baton.query.board;

import dev.baton.core.task.ChecklistItem;
import dev.baton.core.task.Steering;
import dev.baton.core.task.TaskDetails;

import java.time.Instant;
import java.util.List;

/**
 * Everything the read side knows about one task, stored as JSON per row and per history version. Cards and
 * the task detail are both views of it. {@code status} is derived: while an attempt of the task is under way, that
 * attempt's status ({@code attemptStatus}); otherwise done in the finishing column, blocked while a dependency is
 * unfinished, else idle; but {@code paused} while paused and {@code stopped} after a stop until its next attempt
 * ({@code controls}). {@code lastOutcome} is how its last finished attempt ended. While the task is linked to a moxxy
 * job ({@code moxxy}, until its next attempt), the job's state says its status instead of the board.
 */
public record TaskState(String taskId, String projectId, String title, String description,
                        List<ChecklistItem> checklist, List<String> labels, Integer priority, Double estimate,
                        List<String> focusFiles, String column, String rank, String agentProfileId,
                        List<String> dependsOn, List<String> blockedBy, String status, String lastOutcome,
                        int attemptCount, Instant createdAt, Instant updatedAt, long version, String attemptStatus,
                        TaskControls controls, MoxxyLink moxxy) {

    public TaskState {
        controls = controls == null ? TaskControls.NONE : controls; // rows stored before task controls existed
    }

    public TaskState withDetails(TaskDetails d) {
        return new TaskState(taskId, projectId, d.title(), d.description(), d.checklist(), d.labels(), d.priority(),
                d.estimate(), d.focusFiles(), column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome,
                attemptCount, createdAt, updatedAt, version, attemptStatus, controls, moxxy);
    }

    public TaskState withChecklist(List<ChecklistItem> items) {
        return new TaskState(taskId, projectId, title, description, items, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version, attemptStatus, controls, moxxy);
    }

    public TaskState placed(String newColumn, String newRank) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                newColumn, newRank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version, attemptStatus, controls, moxxy);
    }

    public TaskState assigned(String newAgentProfileId) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, newAgentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version, attemptStatus, controls, moxxy);
    }

    public TaskState dependingOn(List<String> newDependsOn) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, newDependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version, attemptStatus, controls, moxxy);
    }

    /** Recomputes what blocks the task and its status, given the finishing column. */
    public TaskState blockedBy(List<String> unfinished, String doneColumn) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, List.copyOf(unfinished),
                derivedStatus(attemptStatus, unfinished, doneColumn), lastOutcome, attemptCount, createdAt, updatedAt,
                version, attemptStatus, controls, moxxy);
    }

    /** The task was linked to a moxxy job, or its job changed: the status follows the job's. */
    public TaskState linked(MoxxyLink link, String doneColumn) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version, attemptStatus, controls, link).blockedBy(blockedBy, doneColumn);
    }

    /** A new attempt of the task was queued: a stop is over, and so is a link to a moxxy job. */
    public TaskState attemptQueued() {
        TaskControls started = controls.stopped(false);
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, shown(started, "queued"), lastOutcome,
                attemptCount + 1, createdAt, updatedAt, version, "queued", started, null);
    }

    /** The task's attempt moved on to {@code newAttemptStatus} (not a terminal one). */
    public TaskState attemptAt(String newAttemptStatus) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, shown(controls, newAttemptStatus), lastOutcome,
                attemptCount, createdAt, updatedAt, version, newAttemptStatus, controls, moxxy);
    }

    /** The task's attempt ended with {@code outcome}; the status is the task's own again. */
    public TaskState attemptEnded(String outcome, String doneColumn) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, derivedStatus(null, blockedBy, doneColumn), outcome,
                attemptCount, createdAt, updatedAt, version, null, controls, moxxy);
    }

    /** Paused or resumed; the status is recomputed, given the finishing column. */
    public TaskState paused(boolean nowPaused, String doneColumn) {
        return controlled(controls.paused(nowPaused)).blockedBy(blockedBy, doneColumn);
    }

    /** The task was stopped (whatever attempt runs is cancelled): a pause is over. */
    public TaskState stopped(String doneColumn) {
        return controlled(controls.stopped(true)).blockedBy(blockedBy, doneColumn);
    }

    public TaskState steered(Steering steering) {
        return controlled(controls.steered(steering));
    }

    private TaskState controlled(TaskControls newControls) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version, attemptStatus, newControls, moxxy);
    }

    /** Stamps a change made by an event of this task (which advances its version) or of another aggregate. */
    public TaskState touched(Instant at, Long newVersion) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt, at,
                newVersion == null ? version : newVersion, attemptStatus, controls, moxxy);
    }

    private String derivedStatus(String attempt, List<String> unfinished, String doneColumn) {
        return shown(controls, attempt != null ? attempt : moxxy != null ? moxxy.taskStatus()
                : column.equals(doneColumn) ? "done" : unfinished.isEmpty() ? "idle" : "blocked");
    }

    /** A pause, else a stop, shows over what the task's attempts and board say. */
    private static String shown(TaskControls controls, String status) {
        return controls.paused() ? "paused" : controls.stopped() ? "stopped" : status;
    }
}
