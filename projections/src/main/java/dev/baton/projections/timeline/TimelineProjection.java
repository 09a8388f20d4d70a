package dev.baton.projections.timeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.common.ProjectScoped;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.support.ReadModelJson;
import dev.baton.query.timeline.TimelineEntry;
import dev.baton.query.timeline.TimelineReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/** Indexes every event of the store for the timeline: by position, project, aggregate, type, user and time. */
@Component
@ProcessingGroup(TimelineProjection.NAME)
public class TimelineProjection {

    public static final String NAME = "timeline";
    public static final String[] TABLES = {"rm_timeline"};

    private final TimelineReadModel timeline;
    private final ProjectionContext context;

    public TimelineProjection(TimelineReadModel timeline, ProjectionContext context) {
        this.timeline = timeline;
        this.context = context;
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
        ObjectNode metadata = ReadModelJson.mapper().createObjectNode();
        event.getMetaData().forEach((key, value) -> metadata.set(key, ReadModelJson.tree(value)));
        String projectId = payload instanceof ProjectScoped scoped ? scoped.projectId() : null;
        Object user = event.getMetaData().get("user");
        context.batch(NAME, timeline::batch).add(new TimelineEntry(context.position(token),
                event.getIdentifier(), payload.getClass().getSimpleName(), aggregateType, aggregateId, sequence,
                event.getTimestamp(), projectId, ReadModelJson.tree(payload), metadata),
                user == null ? null : user.toString());
    }
}
