package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The job has not been reachable for the configured time (sent by the tracking saga's deadline). */
public record MarkMoxxyJobStalledCommand(@TargetAggregateIdentifier String jobId, String reason) {
}
