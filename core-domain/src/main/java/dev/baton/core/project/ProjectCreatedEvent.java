package dev.baton.core.project;

import dev.baton.core.common.ProjectScoped;

public record ProjectCreatedEvent(String projectId, ProjectSettings settings) implements ProjectScoped {
}
