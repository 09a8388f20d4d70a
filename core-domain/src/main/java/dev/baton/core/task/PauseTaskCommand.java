package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspends the task's running agent and keeps anything new (the orchestrator, a queued attempt) from starting for it. */
public record PauseTaskCommand(@TargetAggregateIdentifier String taskId) {
}
