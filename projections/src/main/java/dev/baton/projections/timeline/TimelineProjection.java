package dev.baton.projections.timeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.baton.core.common.ProjectScoped;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.timeline.TimelineReadModel;
import dev.baton.query.timeline.TimelineRow;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Indexes every event of the store for the timeline: by position, project, aggregate, type, user and time. Payloads
 * and metadata are copied as the store holds them (snake_case JSON): the event serializer hands over the stored
 * form of an event it read, and neither payload nor metadata is deserialized (a {@link ProjectScoped} event is a
 * record, so its project is the top-level {@code project_id} of that JSON; the acting user is the metadata's
 * {@code user}).
 */
@Component
@ProcessingGroup(TimelineProjection.NAME)
public class TimelineProjection {

    public static final String NAME = "timeline";
    public static final String[] TABLES = {"rm_timeline"};

    private final TimelineReadModel timeline;
    private final ProjectionContext context;
    private final Serializer eventSerializer;

    public TimelineProjection(TimelineReadModel timeline, ProjectionContext context,
                              @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.timeline = timeline;
        this.context = context;
        this.eventSerializer = eventSerializer;
    }

    @EventHandler
    void on(EventMessage<?> event, TrackingToken token) {
        String aggregateType = null;
        String aggregateId = null;
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        String payload = event.serializePayload(eventSerializer, String.class).getData();
        String metadata = event.serializeMetaData(eventSerializer, String.class).getData();
        context.batch(NAME, timeline::batch).add(new TimelineRow(context.position(token), event.getIdentifier(),
                event.getPayloadType().getSimpleName(), aggregateType, aggregateId, sequence, event.getTimestamp(),
                ProjectScoped.class.isAssignableFrom(event.getPayloadType()) ? topLevelString(payload, "project_id", true)
                        : null, payload, metadata, topLevelString(metadata, "user", false)));
    }

    /** A top-level string field of a JSON object (a payload or metadata as stored), or null if it has none. */
    private static String topLevelString(String json, String field, boolean required) {
        try (JsonParser parser = ReadModelJson.mapper().createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(field)) {
                    return parser.getValueAsString();
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored JSON: " + json, e);
        }
        if (required) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return null;
    }
}
