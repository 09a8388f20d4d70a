package dev.baton.core.project;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

public record ProjectValidatedEvent(String projectId, List<ValidationCheck> checks, boolean ok) implements ProjectScoped {
}
