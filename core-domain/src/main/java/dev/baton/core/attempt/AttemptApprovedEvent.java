package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptApprovedEvent(String attemptId, String taskId, String projectId, ApprovalMode mode)
        implements ProjectScoped {
}
