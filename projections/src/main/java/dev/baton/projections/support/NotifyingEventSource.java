package dev.baton.projections.support;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event store as the projections' source, with one addition: its streams say when new events are available.
 * A pooled streaming processor whose stream cannot tell it so polls every 500 ms (Axon's fixed delay), which
 * would put half a second between a command and its read model. Here every stream's callback runs after a
 * transaction that stored events commits, a few times over the next 100 ms (the embedded store hands new events to
 * its streams from its own producer thread, a little later), and every second regardless (events stored by
 * another node sharing the database). Commits in quick succession share one series of callbacks (each commit
 * restarts it), so a busy server does not multiply them. A callback with nothing new to read costs one empty check.
 */
@Component(NotifyingEventSource.BEAN)
public class NotifyingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    public static final String BEAN = "notifyingEventSource";
    /** Pauses between the callbacks after a commit: they come 0, 3, 8, 15, 30, 60 and 100 ms after it. */
    private static final long[] RECHECK_PAUSES_MILLIS = {3, 5, 7, 15, 30, 40};

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    /** How many callbacks the running series has made, or -1 when no series runs. */
    private final AtomicInteger recheck = new AtomicInteger(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-events-available");
        thread.setDaemon(true);
        return thread;
    });

    public NotifyingEventSource(EventStore store) {
        this.store = store;
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> available());
            } else {
                available();
            }
        });
        timer.scheduleWithFixedDelay(this::notifyStreams, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts the series of callbacks, or restarts the running one from its beginning; a series waiting out one of
     * its longer pauses calls back at once as well.
     */
    private void available() {
        int step = recheck.getAndSet(0);
        if (step < 0) {
            timer.execute(this::recheck);
        } else if (step >= 3) {
            timer.execute(this::notifyStreams);
        }
    }

    private void recheck() {
        notifyStreams();
        int next = recheck.incrementAndGet();
        if (next <= RECHECK_PAUSES_MILLIS.length) {
            timer.schedule(this::recheck, RECHECK_PAUSES_MILLIS[next - 1], TimeUnit.MILLISECONDS);
        } else if (!recheck.compareAndSet(next, -1)) {
            // a commit restarted the series meanwhile
            timer.execute(this::recheck);
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
            if (delegate.setOnAvailableCallback(callback)) {
                return true; // a store whose streams notify by themselves (Axon Server)
            }
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
