package dev.baton.api.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.timeline.TimelineEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the event store itself (the source of truth), for an aggregate's history and for the chain of causes.
 * Payloads and metadata are stored as snake_case JSON, so they are answered as stored.
 */
@Component
class StoredEvents {

    private static final String COLUMNS = "global_index, event_identifier, payload_type, type, aggregate_identifier,"
            + " sequence_number, time_stamp, payload, meta_data";
    private static final RowMapper<TimelineEntry> ROW = (rs, i) -> {
        JsonNode payload = json(rs.getBytes(8));
        String payloadType = rs.getString(3);
        return new TimelineEntry(rs.getLong(1), rs.getString(2), payloadType.substring(payloadType.lastIndexOf('.') + 1),
                rs.getString(4), rs.getString(5), rs.getLong(6), Instant.parse(rs.getString(7)),
                payload.hasNonNull("project_id") ? payload.get("project_id").asText() : null, payload, json(rs.getBytes(9)));
    };

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<TimelineEntry> ofAggregate(String aggregateId) {
        return jdbc.query("select " + COLUMNS + " from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", ROW, aggregateId);
    }

    Optional<TimelineEntry> byId(String eventId) {
        return jdbc.query("select " + COLUMNS + " from domain_event_entry where event_identifier = ?", ROW, eventId)
                .stream().findFirst();
    }

    private static JsonNode json(byte[] bytes) {
        return bytes == null ? ReadModelJson.mapper().createObjectNode()
                : ReadModelJson.tree(new String(bytes, StandardCharsets.UTF_8));
    }
}
