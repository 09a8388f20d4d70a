package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The attempt cannot go on ({@code reason} says why: the agent crashed, the runtime limit, an unrecoverable restart). */
public record FailAttemptCommand(@TargetAggregateIdentifier String attemptId, String reason) {
}
