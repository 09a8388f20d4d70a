package dev.baton.core.attempt;

public record AttemptRunStartedEvent(String attemptId, String taskId, String projectId, String branch, String baseBranch,
                                     String baseCommit) implements AttemptEvent {
}
