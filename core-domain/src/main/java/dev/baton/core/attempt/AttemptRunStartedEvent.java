package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptRunStartedEvent(String attemptId, String taskId, String projectId, String branch, String baseBranch,
                                     String baseCommit) implements ProjectScoped {
}
