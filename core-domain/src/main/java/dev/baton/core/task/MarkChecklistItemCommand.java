package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkChecklistItemCommand(@TargetAggregateIdentifier String taskId, int index, boolean done) {
}
