package dev.baton.core.project;

import dev.baton.core.common.Owner;
import dev.baton.core.common.ProjectScoped;

/** A project was created; {@code owner} is null for one made while accounts were off (and in older events). */
public record ProjectCreatedEvent(String projectId, ProjectSettings settings, Owner owner)
        implements ProjectScoped {

    public ProjectCreatedEvent(String projectId, ProjectSettings settings) {
        this(projectId, settings, null);
    }
}
