package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person's steering: {@code comment} (required) and an optional {@code promptPatch}, kept in the task's context.
 * Every later attempt's prompt carries them, and a running agent receives them at its next turn.
 */
public record SteerTaskCommand(@TargetAggregateIdentifier String taskId, String comment, String promptPatch) {
}
