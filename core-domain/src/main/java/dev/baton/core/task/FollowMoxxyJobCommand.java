package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a card along with the moxxy job it is linked to: a running job puts it in In Progress, a completed one in the
 * finishing column; a failed or cancelled one leaves it where it is. Sent by the moxxy job saga.
 */
public record FollowMoxxyJobCommand(@TargetAggregateIdentifier String taskId, String jobId, String taskStatus) {
}
