package dev.baton.projections.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * The event store as the projections' source, read ahead: each stream has a reader thread that fetches the next
 * events and deserializes them while the processor handles the current batch ({@link ReadAheadStream}). A tracking
 * processor otherwise reads and handles in turn, and during a replay it waited on the store about as long as it
 * worked.
 */
@Component(ReadAheadEventSource.BEAN)
public class ReadAheadEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    public static final String BEAN = "readAheadEventSource";
    private static final int EVENTS_AHEAD = 5_000;

    private final EventStore store;

    public ReadAheadEventSource(EventStore store) {
        this.store = store;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new ReadAheadStream(store.openStream(trackingToken), EVENTS_AHEAD);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }
}
