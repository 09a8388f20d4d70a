package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

public record TaskAgentAssignedEvent(String taskId, String projectId, String agentProfileId) implements ProjectScoped {
}
