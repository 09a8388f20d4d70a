package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a card to a column. It lands right before {@code beforeTaskId} and/or right after {@code afterTaskId};
 * with neither it goes to the end of the column.
 */
public record MoveTaskCommand(@TargetAggregateIdentifier String taskId, String column, String beforeTaskId,
                              String afterTaskId) {
}
