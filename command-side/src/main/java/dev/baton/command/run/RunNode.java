package dev.baton.command.run;

import dev.baton.core.run.NodeStatus;

import java.util.List;

/**
 * A task as its run sees it: its status, its current attempt, how many attempts the run started for it and how many
 * of them failed or conflicted, whether a person paused it, what blocks it, and what to tell its next attempt.
 */
record RunNode(String taskId, String key, List<String> dependsOn, NodeStatus status, String attemptId, int attempts,
               int failures, int conflicts, boolean paused, String blockedBy, String nextPrompt) {

    static RunNode pending(String taskId, String key, List<String> dependsOn) {
        return new RunNode(taskId, key, dependsOn, NodeStatus.PENDING, null, 0, 0, 0, false, null, null);
    }

    RunNode started(String newAttemptId) {
        return new RunNode(taskId, key, dependsOn, NodeStatus.RUNNING, newAttemptId, attempts + 1, failures, conflicts,
                paused, null, null);
    }

    RunNode requeued(boolean afterConflict, String prompt) {
        return new RunNode(taskId, key, dependsOn, NodeStatus.PENDING, attemptId, attempts,
                afterConflict ? failures : failures + 1, afterConflict ? conflicts + 1 : conflicts, paused, null, prompt);
    }

    RunNode withStatus(NodeStatus newStatus) {
        return new RunNode(taskId, key, dependsOn, newStatus, attemptId, attempts, failures, conflicts, paused,
                blockedBy, nextPrompt);
    }

    RunNode inReview(String reviewedAttemptId) {
        return new RunNode(taskId, key, dependsOn, NodeStatus.REVIEW, reviewedAttemptId, attempts, failures, conflicts,
                paused, null, null);
    }

    RunNode blockedBy(String cause) {
        return new RunNode(taskId, key, dependsOn, NodeStatus.BLOCKED, attemptId, attempts, failures, conflicts, paused,
                cause, nextPrompt);
    }

    RunNode withPaused(boolean newPaused) {
        return new RunNode(taskId, key, dependsOn, status, attemptId, attempts, failures, conflicts, newPaused,
                blockedBy, nextPrompt);
    }

    /** Holds one of the run's {@code max_agents}: its agent or gates are at work (or suspended by a pause). */
    boolean occupiesAgent() {
        return status == NodeStatus.RUNNING;
    }

    /** Failed, blocked or stopped: the tasks that depend on it will not run. */
    boolean isDeadEnd() {
        return status == NodeStatus.FAILED || status == NodeStatus.BLOCKED || status == NodeStatus.STOPPED;
    }
}
