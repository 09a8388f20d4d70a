package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

public record TaskMovedEvent(String taskId, String projectId, String fromColumn, String toColumn, String rank) implements ProjectScoped {
}
