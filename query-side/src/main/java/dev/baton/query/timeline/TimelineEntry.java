package dev.baton.query.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One stored event as the timeline shows it, at its position in the store. A sealed secret's {@code ciphertext} is
 * shown as {@value #MASK}: it opens with a key of the server's only, but an API has no reason to hand it out.
 */
public record TimelineEntry(long position, String eventId, String type, String aggregateType, String aggregateId,
                            long sequence, Instant timestamp, String projectId, JsonNode payload, JsonNode metadata) {

    static final String MASK = "***";

    public TimelineEntry {
        maskCiphertext(payload);
    }

    private static void maskCiphertext(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("ciphertext")) {
            object.put("ciphertext", MASK);
        }
        if (node != null && node.isContainerNode()) {
            node.forEach(TimelineEntry::maskCiphertext);
        }
    }
}
