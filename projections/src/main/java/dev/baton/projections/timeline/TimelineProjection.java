package dev.baton.projections.timeline;

import dev.baton.core.common.ProjectScoped;
import dev.baton.projections.support.ProjectionContext;
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

/**
 * Indexes every event of the store for the timeline: by position, project, aggregate, type, user and time. Payloads
 * and metadata are copied as the store holds them (snake_case JSON): the event serializer hands over the stored
 * form of an event it read without writing it again.
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
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        String aggregateType = null;
        String aggregateId = null;
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        Object user = event.getMetaData().get("user");
        context.batch(NAME, timeline::batch).add(new TimelineRow(context.position(token), event.getIdentifier(),
                payload.getClass().getSimpleName(), aggregateType, aggregateId, sequence, event.getTimestamp(),
                payload instanceof ProjectScoped scoped ? scoped.projectId() : null,
                event.serializePayload(eventSerializer, String.class).getData(),
                event.serializeMetaData(eventSerializer, String.class).getData(), user == null ? null : user.toString()));
    }
}
