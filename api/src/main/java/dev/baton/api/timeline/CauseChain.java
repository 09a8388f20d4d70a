package dev.baton.api.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.config.AuditTrail;
import dev.baton.query.timeline.TimelineEntry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks back from an event to what caused it: the command that produced it, the event that led to that
 * command (for saga-driven work), and so on up to the HTTP request a user made. Commands are not stored, so
 * each event's metadata carries its command's id, type and cause ({@link AuditTrail}).
 */
@Component
class CauseChain {

    private static final int MAX_LINKS = 100;
    private static final String REQUEST = "request:";
    private final StoredEvents events;

    CauseChain(StoredEvents events) {
        this.events = events;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Link(String kind, String id, String type, String user, String source, TimelineEntry event) {
    }

    Optional<List<Link>> of(String eventId) {
        Optional<TimelineEntry> start = events.byId(eventId);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        List<Link> chain = new ArrayList<>();
        TimelineEntry current = start.get();
        while (current != null && chain.size() < MAX_LINKS) {
            chain.add(new Link("event", current.eventId(), current.type(), text(current.metadata(), AuditTrail.USER),
                    null, current));
            current = follow(chain, current.metadata(), text(current.metadata(), AuditTrail.CAUSATION_ID),
                    text(current.metadata(), AuditTrail.CAUSATION_TYPE), text(current.metadata(), AuditTrail.CAUSATION_CAUSATION_ID));
        }
        return Optional.of(chain);
    }

    /** Adds the links behind one event's cause and answers the next event to continue from, if any. */
    private TimelineEntry follow(List<Link> chain, JsonNode metadata, String cause, String causeType, String causeOfCause) {
        if (cause == null) {
            return null;
        }
        if (cause.startsWith(REQUEST)) {
            chain.add(request(metadata, cause));
            return null;
        }
        Optional<TimelineEntry> causingEvent = events.byId(cause);
        if (causingEvent.isPresent()) {
            return causingEvent.get();
        }
        chain.add(new Link("command", cause, causeType, text(metadata, AuditTrail.USER), null, null));
        if (causeOfCause == null) {
            return null;
        }
        if (causeOfCause.startsWith(REQUEST)) {
            chain.add(request(metadata, causeOfCause));
            return null;
        }
        return events.byId(causeOfCause).orElse(null);
    }

    private static Link request(JsonNode metadata, String cause) {
        return new Link("request", cause.substring(REQUEST.length()), null, text(metadata, AuditTrail.USER),
                text(metadata, AuditTrail.SOURCE), null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
