package dev.baton.projections.support;

import dev.baton.query.support.ReadModelUpdates;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the projections' source, with one addition: its streams say when new events are available.
 * A pooled streaming processor whose stream cannot tell it so polls every 500 ms (Axon's fixed delay), which
 * would put half a second between a command and its read model. Here every stream's callback runs after a
 * transaction that stored events commits, a few times over the next 100 ms (the embedded store hands new events to
 * its streams from its own producer thread, a little later), and every second regardless (events stored by
 * another node sharing the database). A callback with nothing new to read costs one empty check.
 * <p>
 * The callbacks also run after every batch a projection commits ({@link ReadModelUpdates}): a pooled processor stops
 * reading once its work package holds 1,024 events and, unless told that events are available, looks again only
 * 100 ms later, which capped a replay at about 10,000 events per second and processor.
 */
@Component(NotifyingEventSource.BEAN)
public class NotifyingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    public static final String BEAN = "notifyingEventSource";
    private static final long[] RECHECK_MILLIS = {0, 3, 8, 15, 30, 60, 100};

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-events-available");
        thread.setDaemon(true);
        return thread;
    });

    public NotifyingEventSource(EventStore store, ReadModelUpdates updates) {
        this.store = store;
        updates.onChange(() -> timer.execute(this::notifyStreams));
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> available());
            } else {
                available();
            }
        });
        timer.scheduleWithFixedDelay(this::notifyStreams, 1, 1, TimeUnit.SECONDS);
    }

    private void available() {
        for (long delay : RECHECK_MILLIS) {
            timer.schedule(this::notifyStreams, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void notifyStreams() {
        callbacks.forEach(Runnable::run);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Stream(store.openStream(trackingToken));
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

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** The store's stream, plus the availability callback. */
    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        Stream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
