package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

public record TaskDependenciesChangedEvent(String taskId, String projectId, List<String> dependsOn) implements ProjectScoped {
}
