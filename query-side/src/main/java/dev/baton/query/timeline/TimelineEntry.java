package dev.baton.query.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * One stored event as the timeline shows it, at its position in the store. A sealed secret's {@code ciphertext} and
 * the hashes of passwords, tokens and session cookies are shown as {@value #MASK}: none can be turned back into the
 * secret by a reader (the ciphertext opens with a key of the server's only), but an API has no reason to hand them
 * out, and a weak password's hash could be guessed at offline.
 */
public record TimelineEntry(long position, String eventId, String type, String aggregateType, String aggregateId,
                            long sequence, Instant timestamp, String projectId, JsonNode payload, JsonNode metadata) {

    static final String MASK = "***";
    private static final List<String> MASKED = List.of("ciphertext", "password_hash", "token_hash", "session_hash");

    public TimelineEntry {
        maskSecrets(payload);
    }

    private static void maskSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            MASKED.stream().filter(object::has).forEach(field -> object.put(field, MASK));
        }
        if (node != null && node.isContainerNode()) {
            node.forEach(TimelineEntry::maskSecrets);
        }
    }
}
