package dev.baton.runner.log;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A stored stream message as the API sends it:
 * {@code {"type":"event","attempt_id":…,"seq":…,"ts":…,"event":{"kind":…,"payload":{…}}}}; {@code seq} is the SSE id.
 */
public record LogMessage(String type, String attemptId, long seq, Instant ts, Event event) {

    public record Event(String kind, JsonNode payload) {
    }

    static LogMessage of(String attemptId, long seq, Instant ts, String kind, JsonNode payload) {
        return new LogMessage("event", attemptId, seq, ts, new Event(kind, payload));
    }
}
