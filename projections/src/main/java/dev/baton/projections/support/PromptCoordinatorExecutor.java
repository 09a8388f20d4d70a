package dev.baton.projections.support;

import org.axonframework.common.AxonThreadFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread of a pooled streaming processor's coordinator (the part that reads the store and hands events to the
 * processor's work package). Once the work package holds 1,024 unhandled events, Axon's coordinator stops reading and
 * looks again 100 ms later; nothing wakes it earlier when the package takes its next batch. With batches of 1,000
 * that capped a replay, or any backlog, at about 10,000 events per second and processor, the handler idle most of
 * each 100 ms. This executor runs that one re-check after {@link #FULL_PACKAGE_RECHECK_MILLIS} instead, so the
 * coordinator refills the package while the previous batch is being handled. Every other delay (token claims,
 * error back-off) is kept as asked.
 */
final class PromptCoordinatorExecutor extends ScheduledThreadPoolExecutor {

    /** Axon's pause when every work package is full (Coordinator.CoordinationTask, Axon 4.13). */
    static final long AXON_FULL_PACKAGE_PAUSE_MILLIS = 100;
    static final long FULL_PACKAGE_RECHECK_MILLIS = 5;

    PromptCoordinatorExecutor(String processorName) {
        super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (unit.toMillis(delay) == AXON_FULL_PACKAGE_PAUSE_MILLIS) {
            return super.schedule(command, FULL_PACKAGE_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return super.schedule(command, delay, unit);
    }
}
