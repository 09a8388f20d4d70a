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
 * form of an event it read, and the payload is never deserialized (a {@link ProjectScoped} event is a record, so
 * its project is the top-level {@code project_id} of that JSON).
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
        Object user = event.getMetaData().get("user");
        context.batch(NAME, timeline::batch).add(new TimelineRow(context.position(token), event.getIdentifier(),
                event.getPayloadType().getSimpleName(), aggregateType, aggregateId, sequence, event.getTimestamp(),
                ProjectScoped.class.isAssignableFrom(event.getPayloadType()) ? projectId(payload) : null, payload,
                event.serializeMetaData(eventSerializer, String.class).getData(), user == null ? null : user.toString()));
    }

    /** The top-level {@code project_id} of a payload's JSON. */
    private static String projectId(String payload) {
        try (JsonParser parser = ReadModelJson.mapper().createParser(payload)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("project_id")) {
                    return parser.getValueAsString();
                }
                parser.skipChildren();
            }
            throw new IllegalStateException("an event of a project without project_id: " + payload);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable event payload: " + payload, e);
        }
    }
}
