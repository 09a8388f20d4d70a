package dev.baton.core.plan;

import dev.baton.core.common.ProjectScoped;

import java.util.List;

/** A version frozen with the graph whose tasks go on the board (in dependency order, so each finds its dependencies). */
public record PlanConfirmedEvent(String planId, String projectId, int planVersion, String graphId, String mode,
                                 List<CompiledTask> tasks) implements ProjectScoped {
}
