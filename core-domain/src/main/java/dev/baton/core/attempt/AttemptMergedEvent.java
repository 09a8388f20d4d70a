package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptMergedEvent(String attemptId, String taskId, String projectId, String targetBranch, String commit)
        implements ProjectScoped {
}
