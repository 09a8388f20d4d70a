package dev.baton.api.stream;

import dev.baton.query.support.ReadModelUpdates;
import dev.baton.runner.log.AttemptLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves every Server-Sent-Events stream: each subscriber has a cursor and a source that answers the items
 * after it. A stream of read models is drained when a read model changes; a stream with a topic (an attempt's log)
 * only when its topic is woken (that attempt's log grew); every stream every second (changes made by other nodes), and get a comment keep-alive every 15 seconds. Items carry their cursor as the SSE id, so a client
 * that reconnects with Last-Event-ID receives everything after it and nothing twice.
 */
@Component
public class SseHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SseHub.class);

    /** One item to send: its SSE id (a cursor) and its JSON data. */
    public record Item(long id, Object data) {
    }

    /** Answers the items after a cursor, in cursor order, at most a page. */
    public interface Source {
        List<Item> after(long cursor);
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "baton-sse");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Set<String> pendingTopics = ConcurrentHashMap.newKeySet();
    private final long keepAliveMillis;

    public SseHub(ReadModelUpdates updates, AttemptLog attemptLog,
                  @Value("${baton.sse.keep-alive-ms:15000}") long keepAliveMillis) {
        this.keepAliveMillis = keepAliveMillis;
        updates.onChange(this::scheduleDrain);
        attemptLog.onAppend(this::wake);
        executor.scheduleWithFixedDelay(() -> subscriptions.forEach(Subscription::drain), 1, 1, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(this::keepAlive, keepAliveMillis, Math.max(1000, keepAliveMillis / 3),
                TimeUnit.MILLISECONDS);
    }

    /** A stream of read-model items, drained when a read model changes. */
    public SseEmitter subscribe(long cursor, Source source) {
        return subscribe(null, cursor, source);
    }

    /** A stream drained when {@code topic} is woken ({@link #wake}); without a topic, when a read model changes. */
    public SseEmitter subscribe(String topic, long cursor, Source source) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscription subscription = new Subscription(topic, emitter, source, cursor);
        subscriptions.add(subscription);
        emitter.onCompletion(() -> subscriptions.remove(subscription));
        emitter.onTimeout(() -> subscriptions.remove(subscription));
        emitter.onError(e -> subscriptions.remove(subscription));
        executor.execute(() -> {
            subscription.comment("connected");
            subscription.drain();
        });
        return emitter;
    }

    private void scheduleDrain() {
        if (drainPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                drainPending.set(false);
                subscriptions.stream().filter(s -> s.topic == null).forEach(Subscription::drain);
            });
        }
    }

    /** Drains the streams of {@code topic} soon (wakes made meanwhile are served by one drain). */
    private void wake(String topic) {
        if (pendingTopics.add(topic)) {
            executor.execute(() -> {
                pendingTopics.remove(topic);
                subscriptions.stream().filter(s -> topic.equals(s.topic)).forEach(Subscription::drain);
            });
        }
    }

    private void keepAlive() {
        long now = System.currentTimeMillis();
        subscriptions.stream().filter(s -> now - s.lastSent >= keepAliveMillis).forEach(s -> s.comment("keep-alive"));
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream first (highest phase), so that the web server's graceful shutdown need not wait for them. */
    @Override
    public void stop() {
        running = false;
        subscriptions.forEach(s -> s.emitter.complete());
        subscriptions.clear();
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private final class Subscription {
        private final String topic;
        private final SseEmitter emitter;
        private final Source source;
        private long cursor;
        private volatile long lastSent = System.currentTimeMillis();

        Subscription(String topic, SseEmitter emitter, Source source, long cursor) {
            this.topic = topic;
            this.emitter = emitter;
            this.source = source;
            this.cursor = cursor;
        }

        synchronized void drain() {
            try {
                List<Item> items;
                do {
                    items = source.after(cursor);
                    for (Item item : items) {
                        emitter.send(SseEmitter.event().id(Long.toString(item.id())).data(item.data(), MediaType.APPLICATION_JSON));
                        cursor = item.id();
                        lastSent = System.currentTimeMillis();
                    }
                } while (!items.isEmpty());
            } catch (IOException | IllegalStateException e) {
                close(e);
            } catch (RuntimeException e) {
                log.warn("stream source failed; closing the stream", e);
                close(e);
            }
        }

        synchronized void comment(String text) {
            try {
                emitter.send(SseEmitter.event().comment(text));
                lastSent = System.currentTimeMillis();
            } catch (IOException | IllegalStateException e) {
                close(e);
            }
        }

        private void close(Exception e) {
            subscriptions.remove(this);
            emitter.completeWithError(e);
        }
    }
}
