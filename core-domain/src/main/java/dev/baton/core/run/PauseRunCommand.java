package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Nothing new starts or merges until the run is resumed; agents at work finish what they are doing. */
public record PauseRunCommand(@TargetAggregateIdentifier String runId) {
}
