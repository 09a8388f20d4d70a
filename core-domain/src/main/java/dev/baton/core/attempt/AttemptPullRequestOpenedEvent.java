package dev.baton.core.attempt;

public record AttemptPullRequestOpenedEvent(String attemptId, String taskId, String projectId, String url)
        implements AttemptEvent {
}
