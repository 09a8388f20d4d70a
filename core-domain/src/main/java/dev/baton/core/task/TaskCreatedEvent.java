package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

public record TaskCreatedEvent(String taskId, String projectId, TaskDetails details, String column, String rank, String agentProfileId, List<String> dependsOn) implements ProjectScoped {
}
