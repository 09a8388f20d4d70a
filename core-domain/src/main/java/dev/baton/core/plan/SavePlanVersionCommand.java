package dev.baton.core.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Saves a canvas as the plan's next version (the first one creates the plan). A project has one plan, whose id is
 * {@link PlanIds#ofProject}; {@code metadata} is the client's own (layout, colours), kept as it is.
 */
public record SavePlanVersionCommand(@TargetAggregateIdentifier String planId, String projectId, List<PlanNode> nodes,
                                     List<PlanEdge> edges, Map<String, Object> metadata) {
}
