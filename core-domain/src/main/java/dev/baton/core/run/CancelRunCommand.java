package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops the run: its attempts at work are cancelled and nothing else starts. */
public record CancelRunCommand(@TargetAggregateIdentifier String runId) {
}
