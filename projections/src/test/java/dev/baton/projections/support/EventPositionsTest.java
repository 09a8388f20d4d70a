package dev.baton.projections.support;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class EventPositionsTest {

    /** The store of these tests: event id → global index; records which ids were looked up. */
    private final Map<String, Long> store = new HashMap<>();
    private final List<String> lookedUp = new ArrayList<>();
    private final Function<List<String>, Map<String, Long>> lookup = ids -> {
        lookedUp.addAll(ids);
        Map<String, Long> found = new HashMap<>();
        ids.forEach(id -> found.put(id, store.get(id)));
        return found;
    };

    /** A stream of events with the tokens the JPA store gives them: each advances the previous token. */
    private final class Stream {
        private GapAwareTrackingToken token;
        private final List<TrackedEventMessage<?>> events = new ArrayList<>();

        Stream(long index, Long... gaps) {
            token = GapAwareTrackingToken.newInstance(index, List.of(gaps));
        }

        Stream event(long globalIndex) {
            token = token.advanceTo(globalIndex, 10_000);
            return add(globalIndex, token);
        }

        Stream add(long globalIndex, TrackingToken eventToken) {
            String id = "event-" + globalIndex;
            store.put(id, globalIndex);
            events.add(new GenericTrackedEventMessage<>(eventToken,
                    new GenericEventMessage<>(id, "payload", Map.of(), Instant.now())));
            return this;
        }

        /** Drops the events a processor does not handle (they still advance the tokens). */
        Stream skip(long globalIndex) {
            token = token.advanceTo(globalIndex, 10_000);
            return this;
        }

        Map<String, Long> positions() {
            return EventPositions.of(events, lookup);
        }
    }

    @Test
    void eventsInOrderAreDerivedFromTheirTokensAfterTheFirst() {
        Map<String, Long> positions = new Stream(10).event(11).event(12).event(13).positions();

        assertThat(positions).containsOnly(Map.entry("event-11", 11L), Map.entry("event-12", 12L), Map.entry("event-13", 13L));
        assertThat(lookedUp).containsExactly("event-11");
    }

    @Test
    void anEventThatFillsAGapGetsItsOwnIndexNotTheNewestSeen() {
        Map<String, Long> positions = new Stream(10).event(11).event(13).event(12).event(14).positions();

        assertThat(positions).containsEntry("event-13", 13L).containsEntry("event-12", 12L).containsEntry("event-14", 14L);
        assertThat(lookedUp).containsExactly("event-11");
    }

    @Test
    void afterSkippedEventsThePositionIsLookedUpWhenTheTokensCannotTell() {
        Map<String, Long> positions = new Stream(10).event(11).skip(13).event(12).skip(14).event(15).positions();

        assertThat(positions).containsOnly(Map.entry("event-11", 11L), Map.entry("event-12", 12L), Map.entry("event-15", 15L));
        assertThat(lookedUp).containsExactly("event-11", "event-12", "event-15");
    }

    @Test
    void anEventAfterASkippedGapFillIsLookedUp() {
        Map<String, Long> positions = new Stream(10).event(11).event(13).skip(12).event(14).positions();

        assertThat(positions).containsEntry("event-13", 13L).containsEntry("event-14", 14L);
        assertThat(lookedUp).containsExactly("event-11", "event-14");
    }

    @Test
    void replayTokensAreUnwrapped() {
        Stream stream = new Stream(0);
        TrackingToken atReset = GapAwareTrackingToken.newInstance(100, List.of());
        GapAwareTrackingToken first = GapAwareTrackingToken.newInstance(1, List.of());
        GapAwareTrackingToken second = first.advanceTo(2, 10_000);
        stream.add(1, ReplayToken.createReplayToken(atReset, first)).add(2, ReplayToken.createReplayToken(atReset, second));

        assertThat(stream.positions()).containsOnly(Map.entry("event-1", 1L), Map.entry("event-2", 2L));
        assertThat(lookedUp).containsExactly("event-1");
    }

    @Test
    void tokensWithoutGapsCarryThePositionItself() {
        Stream stream = new Stream(0).add(7, new GlobalSequenceTrackingToken(7)).add(9, new GlobalSequenceTrackingToken(9));

        assertThat(stream.positions()).containsOnly(Map.entry("event-7", 7L), Map.entry("event-9", 9L));
        assertThat(lookedUp).isEmpty();
    }
}
