package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteTaskCommand(@TargetAggregateIdentifier String taskId) {
}
