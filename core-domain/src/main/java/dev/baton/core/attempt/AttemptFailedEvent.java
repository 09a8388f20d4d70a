package dev.baton.core.attempt;

public record AttemptFailedEvent(String attemptId, String taskId, String projectId, AttemptStatus failedIn, String reason)
        implements AttemptEvent {
}
