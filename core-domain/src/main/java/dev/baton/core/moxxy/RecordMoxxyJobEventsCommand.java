package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** What the tracker read of the job's events list; those already recorded (by id) are skipped. */
public record RecordMoxxyJobEventsCommand(@TargetAggregateIdentifier String jobId, List<MoxxyJobEntry> entries) {
}
