package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The runner created the attempt's workspace from {@code baseCommit} and its agent process is running. */
public record MarkAttemptRunningCommand(@TargetAggregateIdentifier String attemptId, String baseBranch,
                                        String baseCommit) {
}
