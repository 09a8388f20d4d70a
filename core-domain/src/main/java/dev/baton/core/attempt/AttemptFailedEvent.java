package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptFailedEvent(String attemptId, String taskId, String projectId, AttemptStatus failedIn, String reason)
        implements ProjectScoped {
}
