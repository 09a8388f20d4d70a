package dev.baton.core.attempt;

public record AttemptSubmittedForReviewEvent(String attemptId, String taskId, String projectId, String headCommit,
                                             DiffStat diffStat, String summary,
                                             TokenUsage usage) implements AttemptEvent {
}
