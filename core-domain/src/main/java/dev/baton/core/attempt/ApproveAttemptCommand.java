package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person approves the attempt's changes, to be merged ({@code merge}) or proposed as a pull request ({@code pr}). */
public record ApproveAttemptCommand(@TargetAggregateIdentifier String attemptId, String mode) {
}
