package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The branch was pushed and a pull request opened at {@code url}. */
public record RecordPullRequestCommand(@TargetAggregateIdentifier String attemptId, String url) {
}
