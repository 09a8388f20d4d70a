package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

public record TaskPausedEvent(String taskId, String projectId) implements ProjectScoped {
}
