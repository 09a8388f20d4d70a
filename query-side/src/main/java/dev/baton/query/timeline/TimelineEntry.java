package dev.baton.query.timeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One stored event as the timeline shows it, at its position in the store. */
public record TimelineEntry(long position, String eventId, String type, String aggregateType, String aggregateId,
                            long sequence, Instant timestamp, String projectId, JsonNode payload, JsonNode metadata) {
}
