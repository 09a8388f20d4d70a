package dev.baton.core.plan;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/** A version compiled into a task graph: its id and tasks, in dependency order. */
public record PlanCompiledEvent(String planId, String projectId, int planVersion, String graphId, String mode,
                                List<CompiledTask> tasks) implements ProjectScoped {
}
