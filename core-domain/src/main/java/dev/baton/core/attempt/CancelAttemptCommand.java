package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person stops the attempt before it is ready for review. */
public record CancelAttemptCommand(@TargetAggregateIdentifier String attemptId, String reason) {
}
