package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptSubmittedForReviewEvent(String attemptId, String taskId, String projectId, String headCommit,
                                             DiffStat diffStat, String summary) implements ProjectScoped {
}
