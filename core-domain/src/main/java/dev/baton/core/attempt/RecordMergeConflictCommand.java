package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The merge stopped on conflicts in {@code files}; the attempt goes back to review with what to do. */
public record RecordMergeConflictCommand(@TargetAggregateIdentifier String attemptId, List<String> files,
                                         String message) {
}
