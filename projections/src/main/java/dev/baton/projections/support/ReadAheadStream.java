package dev.baton.projections.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stream of events read ahead of its consumer: a reader thread moves events from the source stream into a bounded
 * buffer and deserializes them on the way (payload and metadata, which every processor reads), so that the
 * consumer's thread only handles them. Used by one consumer thread at a time, as Axon's processors do.
 */
final class ReadAheadStream implements BlockingStream<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ReadAheadStream.class);
    private static final long SOURCE_WAIT_MILLIS = 500;

    private final BlockingStream<TrackedEventMessage<?>> source;
    private final BlockingQueue<TrackedEventMessage<?>> buffer;
    private final Thread reader;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private TrackedEventMessage<?> next;

    ReadAheadStream(BlockingStream<TrackedEventMessage<?>> source, int capacity) {
        this.source = source;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(this::read, "baton-read-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!closed) {
                if (source.hasNextAvailable((int) SOURCE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    buffer.put(deserialized(source.nextAvailable()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("Reading events ahead failed; the processor will reopen its stream", e);
                failure = e;
            }
        } finally {
            source.close();
        }
    }

    /** Deserializes the event now; one that cannot be is left for the consumer, whose handling reports it. */
    private static TrackedEventMessage<?> deserialized(TrackedEventMessage<?> event) {
        try {
            event.getPayload();
            event.getMetaData();
        } catch (RuntimeException e) {
            log.debug("Event {} left to its consumer to deserialize", event.getIdentifier(), e);
        }
        return event;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        if (next == null) {
            next = buffer.poll();
        }
        if (next == null) {
            failIfReaderFailed();
        }
        return Optional.ofNullable(next);
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        if (next == null) {
            next = buffer.poll(timeout, unit);
        }
        if (next == null) {
            failIfReaderFailed();
        }
        return next != null;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (next == null) {
            failIfReaderFailed();
            next = buffer.poll(SOURCE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        TrackedEventMessage<?> event = next;
        next = null;
        return event;
    }

    private void failIfReaderFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
