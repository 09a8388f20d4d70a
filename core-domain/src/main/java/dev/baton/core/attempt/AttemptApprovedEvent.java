package dev.baton.core.attempt;

public record AttemptApprovedEvent(String attemptId, String taskId, String projectId, ApprovalMode mode)
        implements AttemptEvent {
}
