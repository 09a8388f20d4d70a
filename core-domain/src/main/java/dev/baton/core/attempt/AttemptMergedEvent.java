package dev.baton.core.attempt;

public record AttemptMergedEvent(String attemptId, String taskId, String projectId, String targetBranch, String commit)
        implements AttemptEvent {
}
