package dev.baton.query.timeline;

import java.time.Instant;

/** One event as the timeline stores it; payload and metadata are JSON text. */
public record TimelineRow(long position, String eventId, String type, String aggregateType, String aggregateId,
                          long sequence, Instant timestamp, String projectId, String payload, String metadata,
                          String user) {
}
