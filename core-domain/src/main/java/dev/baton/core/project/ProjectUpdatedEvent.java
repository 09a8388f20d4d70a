package dev.baton.core.project;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/** Carries the whole settings after the change, and which top-level fields changed. */
public record ProjectUpdatedEvent(String projectId, ProjectSettings settings, List<String> changed) implements ProjectScoped {
}
