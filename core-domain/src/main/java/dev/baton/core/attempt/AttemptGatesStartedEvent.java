package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptGatesStartedEvent(String attemptId, String taskId, String projectId, int agentExitCode)
        implements ProjectScoped {
}
