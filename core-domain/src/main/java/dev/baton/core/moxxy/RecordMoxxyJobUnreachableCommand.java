package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The tracker could not read the job ({@code reason}: why, never a token); it keeps trying. */
public record RecordMoxxyJobUnreachableCommand(@TargetAggregateIdentifier String jobId, String reason) {
}
