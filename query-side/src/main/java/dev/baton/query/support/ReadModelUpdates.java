package dev.baton.query.support;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Wakes readers that wait for a read model to change (read-your-writes waits and live streams). Projections
 * signal it after each committed batch; waiters also re-check on a short timeout so that changes made by
 * another node sharing the database are seen too.
 */
@Component
public class ReadModelUpdates {

    private static final long RECHECK_MS = 50;
    private final Object monitor = new Object();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long changes;

    public void changed() {
        synchronized (monitor) {
            changes++;
            monitor.notifyAll();
        }
        listeners.forEach(Runnable::run);
    }

    /** Registers a listener run after each change; it must return quickly (hand work to another thread). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The current change counter, to pass to {@link #awaitChangeAfter}. */
    public long current() {
        synchronized (monitor) {
            return changes;
        }
    }

    /**
     * Reads until {@code done} holds for what {@code read} answers, or {@code maxMillis} have passed: again after each
     * change, and every {@value #RECHECK_MS} ms for changes made by another node. Answers the last read, done or not.
     */
    public <T> T awaitUntil(Supplier<T> read, Predicate<T> done, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (true) {
            long seen = current();
            T result = read.get();
            long left = deadline - System.currentTimeMillis();
            if (done.test(result) || left <= 0) {
                return result;
            }
            awaitChangeAfter(seen, Math.min(left, RECHECK_MS));
        }
    }

    /** Waits until a change after {@code seen} is signalled or the time runs out. */
    public void awaitChangeAfter(long seen, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        synchronized (monitor) {
            long left;
            while (changes == seen && (left = deadline - System.currentTimeMillis()) > 0) {
                monitor.wait(left);
            }
        }
    }
}
