package dev.baton.core.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Freezes a version ({@code planVersion} null: the latest) and puts the tasks of its graph on the board. The graph is
 * {@code graphId} when given, else the version's last compiled graph, else its {@code full} graph, compiled now.
 */
public record ConfirmPlanCommand(@TargetAggregateIdentifier String planId, Integer planVersion, String graphId) {
}
