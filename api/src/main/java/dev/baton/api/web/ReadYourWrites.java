package dev.baton.api.web;

import dev.baton.query.support.ReadModelUpdates;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code ?min_version=N}: answers a single resource once its read model has caught up to version N, waiting at
 * most five seconds (then {@code TIMEOUT}). Without a minimum it answers at once.
 */
@Component
public class ReadYourWrites {

    static final long MAX_WAIT_MS = 5_000;
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
        Predicate<Optional<T>> reached = result -> result.isPresent() && version.applyAsLong(result.get()) >= minVersion;
        Optional<T> result;
        try {
            result = updates.awaitUntil(query, reached, MAX_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("interrupted while waiting for version " + minVersion);
        }
        if (!reached.test(result)) {
            throw ApiException.timeout("the read model did not reach version " + minVersion + " within "
                    + MAX_WAIT_MS / 1000 + " s" + result.map(r -> " (it is at " + version.applyAsLong(r) + ")").orElse(""));
        }
        return result;
    }
}
