package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

public record TaskStoppedEvent(String taskId, String projectId) implements ProjectScoped {
}
