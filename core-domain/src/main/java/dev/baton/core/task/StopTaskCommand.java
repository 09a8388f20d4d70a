package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels whatever attempt of the task is under way; the orchestrator does not start it again. */
public record StopTaskCommand(@TargetAggregateIdentifier String taskId) {
}
