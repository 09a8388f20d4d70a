package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts an agent on a task: the attempt is queued at once. {@code previousAttemptId} and {@code feedback} are set
 * when a reviewer asked for changes to an earlier attempt, which this one continues.
 */
public record StartAttemptCommand(@TargetAggregateIdentifier String attemptId, String taskId, String agentProfileId,
                                  String prompt, String previousAttemptId, String feedback) {
}
