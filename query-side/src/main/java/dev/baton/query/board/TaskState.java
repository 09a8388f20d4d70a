package dev.baton.query.board;

import dev.baton.core.task.ChecklistItem;
import dev.baton.core.task.TaskDetails;

import java.time.Instant;
import java.util.List;

/**
 * Everything the read side knows about one task, stored as JSON per row and per history version. Cards and
 * the task detail are both views of it. {@code status} is derived: done in the finishing column, blocked while a
 * dependency is unfinished, otherwise idle (attempts refine it).
 */
public record TaskState(String taskId, String projectId, String title, String description,
                        List<ChecklistItem> checklist, List<String> labels, Integer priority, Double estimate,
                        List<String> focusFiles, String column, String rank, String agentProfileId,
                        List<String> dependsOn, List<String> blockedBy, String status, String lastOutcome,
                        int attemptCount, Instant createdAt, Instant updatedAt, long version) {

    public TaskState withDetails(TaskDetails d) {
        return new TaskState(taskId, projectId, d.title(), d.description(), d.checklist(), d.labels(), d.priority(),
                d.estimate(), d.focusFiles(), column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome,
                attemptCount, createdAt, updatedAt, version);
    }

    public TaskState withChecklist(List<ChecklistItem> items) {
        return new TaskState(taskId, projectId, title, description, items, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version);
    }

    public TaskState placed(String newColumn, String newRank) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                newColumn, newRank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version);
    }

    public TaskState assigned(String newAgentProfileId) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, newAgentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version);
    }

    public TaskState dependingOn(List<String> newDependsOn) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, newDependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt,
                updatedAt, version);
    }

    /** Recomputes what blocks the task and its status, given the finishing column. */
    public TaskState blockedBy(List<String> unfinished, String doneColumn) {
        String newStatus = column.equals(doneColumn) ? "done" : unfinished.isEmpty() ? "idle" : "blocked";
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, List.copyOf(unfinished), newStatus, lastOutcome, attemptCount,
                createdAt, updatedAt, version);
    }

    /** Stamps a change made by an event of this task (which advances its version) or of another aggregate. */
    public TaskState touched(Instant at, Long newVersion) {
        return new TaskState(taskId, projectId, title, description, checklist, labels, priority, estimate, focusFiles,
                column, rank, agentProfileId, dependsOn, blockedBy, status, lastOutcome, attemptCount, createdAt, at,
                newVersion == null ? version : newVersion);
    }
}
