package dev.baton.api.web;

import dev.baton.query.support.ReadModelUpdates;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code ?min_version=N}: answers a single resource once its read model has caught up to version N, waiting at
 * most five seconds (then {@code TIMEOUT}). Without a minimum it answers at once.
 */
@Component
public class ReadYourWrites {

    static final long MAX_WAIT_MS = 5_000;
    private static final long RECHECK_MS = 50;
    private final ReadModelUpdates updates;

    public ReadYourWrites(ReadModelUpdates updates) {
        this.updates = updates;
    }

    public <T> Optional<T> read(Long minVersion, Supplier<Optional<T>> query, ToLongFunction<T> version) {
        if (minVersion == null) {
            return query.get();
        }
        if (minVersion < 0) {
            throw ApiException.badParameter("min_version", "min_version must be 0 or more");
        }
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        while (true) {
            long seen = updates.current();
            Optional<T> result = query.get();
            if (result.isPresent() && version.applyAsLong(result.get()) >= minVersion) {
                return result;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw ApiException.timeout("the read model did not reach version " + minVersion + " within "
                        + MAX_WAIT_MS / 1000 + " s" + result.map(r -> " (it is at " + version.applyAsLong(r) + ")").orElse(""));
            }
            try {
                updates.awaitChangeAfter(seen, Math.min(left, RECHECK_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.timeout("interrupted while waiting for version " + minVersion);
            }
        }
    }
}
