package dev.baton.projections.support;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store positions (global indexes) of a batch's events. A gap-aware token (the JPA store's) says the newest index
 * seen, which is not the event's own when the event fills a gap (its transaction committed after a later one's).
 * An event's own index is the one index its token covers and the previous event's token did not: when exactly one
 * index is new, it is the event's. Otherwise (the first event of a batch, events the processor skipped in between,
 * gaps dropped for age) the positions are looked up in the store, all of them with one query.
 */
final class EventPositions {

    private EventPositions() {
    }

    /**
     * Positions by event id, in the batch's order.
     *
     * @param lookup reads the global indexes of the given event ids from the store
     */
    static Map<String, Long> of(List<? extends TrackedEventMessage<?>> events,
                                Function<List<String>, Map<String, Long>> lookup) {
        Map<String, Long> positions = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        GapAwareTrackingToken previous = null;
        for (TrackedEventMessage<?> event : events) {
            Optional<GapAwareTrackingToken> token = WrappedToken.unwrap(event.trackingToken(), GapAwareTrackingToken.class);
            if (token.isEmpty()) {
                positions.put(event.getIdentifier(), exact(event.trackingToken()));
                continue;
            }
            Long own = previous == null ? null : onlyNewIndex(previous, token.get());
            if (own == null) {
                unknown.add(event.getIdentifier());
            } else {
                positions.put(event.getIdentifier(), own);
            }
            previous = token.get();
        }
        if (!unknown.isEmpty()) {
            positions.putAll(lookup.apply(unknown));
        }
        return positions;
    }

    /** A token that is not gap-aware (Axon Server's) carries the event's own position. */
    static long exact(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without position: " + token));
    }

    /** The one index {@code token} covers and {@code previous} does not, or null if there are none or several. */
    static Long onlyNewIndex(GapAwareTrackingToken previous, GapAwareTrackingToken token) {
        if (!previous.hasGaps() && !token.hasGaps()) {
            return token.getIndex() == previous.getIndex() + 1 ? token.getIndex() : null;
        }
        if (!token.covers(previous)) {
            return null;
        }
        long advanced = token.getIndex() == previous.getIndex() ? 0 : token.getIndex() - previous.getIndex()
                - token.getGaps().subSet(previous.getIndex() + 1, token.getIndex()).size();
        List<Long> filled = previous.getGaps().stream().filter(gap -> !token.getGaps().contains(gap)).toList();
        if (advanced + filled.size() != 1) {
            return null;
        }
        return filled.isEmpty() ? token.getIndex() : filled.get(0);
    }
}
