package dev.baton.core.plan;

import dev.baton.core.common.ProjectScoped;

public record PlanVersionArchivedEvent(String planId, String projectId, int planVersion) implements ProjectScoped {
}
