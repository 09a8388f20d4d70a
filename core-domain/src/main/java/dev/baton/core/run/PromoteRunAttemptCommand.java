package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person picks this attempt of the task (one ready for review) as the one the run merges. */
public record PromoteRunAttemptCommand(@TargetAggregateIdentifier String runId, String taskId, String attemptId) {
}
