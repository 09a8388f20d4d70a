package dev.baton.core.attempt;

public record AttemptGatesStartedEvent(String attemptId, String taskId, String projectId, int agentExitCode)
        implements AttemptEvent {
}
