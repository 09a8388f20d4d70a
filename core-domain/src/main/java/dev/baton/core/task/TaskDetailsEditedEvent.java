package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

public record TaskDetailsEditedEvent(String taskId, String projectId, TaskDetails details, List<String> changed) implements ProjectScoped {
}
