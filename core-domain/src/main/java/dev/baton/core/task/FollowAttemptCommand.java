package dev.baton.core.task;

import dev.baton.core.attempt.AttemptStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a card along with its attempt: a running attempt puts it in In Progress, one ready for review in Review, a
 * merged one in the finishing column. Sent by the attempt saga.
 */
public record FollowAttemptCommand(@TargetAggregateIdentifier String taskId, String attemptId, AttemptStatus status) {
}
