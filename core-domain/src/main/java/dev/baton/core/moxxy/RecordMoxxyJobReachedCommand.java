package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The tracker read the job again after failing to; nothing happens when it had not failed. */
public record RecordMoxxyJobReachedCommand(@TargetAggregateIdentifier String jobId) {
}
