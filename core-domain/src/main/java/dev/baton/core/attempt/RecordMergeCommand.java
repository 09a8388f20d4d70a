package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The approved changes were merged into the target branch as {@code commit}. */
public record RecordMergeCommand(@TargetAggregateIdentifier String attemptId, String targetBranch, String commit) {
}
