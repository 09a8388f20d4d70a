package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptPullRequestOpenedEvent(String attemptId, String taskId, String projectId, String url)
        implements ProjectScoped {
}
