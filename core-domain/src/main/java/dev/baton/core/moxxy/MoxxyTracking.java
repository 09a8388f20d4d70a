package dev.baton.core.moxxy;

import java.time.Duration;

/**
 * How moxxy jobs are followed: read every {@code pollInterval} while moxxy answers; after a failure, again after a
 * backoff that doubles up to {@code maxBackoff}; marked unreachable once it has failed for {@code stallAfter}.
 */
public record MoxxyTracking(Duration pollInterval, Duration maxBackoff, Duration stallAfter) {

    public MoxxyTracking {
        if (pollInterval.isNegative() || pollInterval.isZero() || maxBackoff.compareTo(pollInterval) < 0
                || stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("moxxy tracking needs a positive poll interval, a backoff at least as"
                    + " long and a positive stall time: " + this);
        }
    }

    /** The wait before the next read after {@code failures} failures in a row (none: the poll interval). */
    public Duration backoff(int failures) {
        Duration wait = pollInterval;
        for (int i = 0; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
