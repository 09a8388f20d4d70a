package dev.baton.core.attempt;

public record AttemptQueuedEvent(String attemptId, String taskId, String projectId, String agentProfileId, String prompt,
                                 String branch, String previousAttemptId, String feedback) implements AttemptEvent {
}
