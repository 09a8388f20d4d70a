package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

public record ChecklistItemMarkedEvent(String taskId, String projectId, int index, boolean done) implements ProjectScoped {
}
