package dev.baton.core.plan;

import dev.baton.core.common.ProjectScoped;

import java.util.List;
import java.util.Map;

/** A version of a plan, with its whole canvas: any version can be read or compiled again from this event alone. */
public record PlanVersionSavedEvent(String planId, String projectId, int planVersion, List<PlanNode> nodes,
                                    List<PlanEdge> edges, Map<String, Object> metadata) implements ProjectScoped {
}
