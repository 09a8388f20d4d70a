package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The approved changes were not delivered: the merge stopped on conflicts in {@code files}, or the user's checkout
 * had uncommitted changes to {@code files}, or (with no files) the merge or pull request failed for the reason
 * {@code message} gives. The attempt goes back to review with what to do.
 */
public record RecordMergeConflictCommand(@TargetAggregateIdentifier String attemptId, List<String> files,
                                         String message) {
}
