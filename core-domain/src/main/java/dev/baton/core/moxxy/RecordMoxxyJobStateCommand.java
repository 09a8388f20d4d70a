package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the tracker read of the job's state ({@code detail}: moxxy's summary or error, may be null). */
public record RecordMoxxyJobStateCommand(@TargetAggregateIdentifier String jobId, String state, String detail) {
}
