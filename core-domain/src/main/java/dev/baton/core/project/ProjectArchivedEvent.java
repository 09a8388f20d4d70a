package dev.baton.core.project;

import dev.baton.core.common.ProjectScoped;

public record ProjectArchivedEvent(String projectId, boolean purgeWorkspaces) implements ProjectScoped {
}
