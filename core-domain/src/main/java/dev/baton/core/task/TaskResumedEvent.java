package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

public record TaskResumedEvent(String taskId, String projectId) implements ProjectScoped {
}
