package dev.baton.core.attempt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gates are done and the changes committed at {@code headCommit}: the attempt waits for a person. {@code usage}
 * is what the agent used (null when its CLI reports none).
 */
public record SubmitAttemptForReviewCommand(@TargetAggregateIdentifier String attemptId, String headCommit,
                                            DiffStat diffStat, String summary, TokenUsage usage) {
}
