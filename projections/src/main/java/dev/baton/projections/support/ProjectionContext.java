package dev.baton.projections.support;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelBatch;
import dev.baton.query.support.ReadModelUpdates;
import dev.baton.query.support.SqlLists;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What every projection handler needs besides the event: its batch of writes (in the generation it writes), the
 * store position of the event, the other events of its batch, and a signal to waiting readers once the batch is
 * committed.
 */
@Component
public class ProjectionContext {

    private final ProjectionGenerations generations;
    private final JdbcTemplate jdbc;
    private final ReadModelUpdates updates;

    public ProjectionContext(ProjectionGenerations generations, ReadModelUpdates updates, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.updates = updates;
    }

    /**
     * The writes of the current batch of events for a projection, created on first use with the generation the
     * projection writes; flushed just before the batch's transaction commits, and readers are signalled after.
     */
    public <B extends ReadModelBatch> B batch(String projection, IntFunction<B> create) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("baton.batch." + projection, key -> {
            B batch = create.apply(generations.writing(projection));
            root.onPrepareCommit(u -> batch.flush());
            root.afterCommit(u -> {
                batch.afterCommit();
                updates.changed();
            });
            root.onCleanup(u -> batch.cleanup());
            return batch;
        });
    }

    /** The payloads of all events of the batch being handled, in store order (to read what they need at once). */
    public List<Object> batchPayloads() {
        return batchMessages(CurrentUnitOfWork.get().root()).stream().<Object>map(Message::getPayload).toList();
    }

    /**
     * The global position of the event being handled: its global index in the store. With the JPA store an event
     * whose transaction committed after a later one fills a gap, and its token's position is the newest index seen,
     * not its own (two events would share a position: the timeline's primary key refused the second one and the
     * timeline stopped for good). There the positions of the batch's events are derived from their tokens where the
     * tokens tell, and read from the store otherwise ({@link EventPositions}). Tokens without gaps (Axon Server)
     * carry the exact position.
     */
    public long position(TrackingToken token) {
        if (WrappedToken.unwrap(token, GapAwareTrackingToken.class).isEmpty() || !CurrentUnitOfWork.isStarted()) {
            return EventPositions.exact(token);
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        String eventId = current.getMessage().getIdentifier();
        UnitOfWork<?> root = current.root();
        Map<String, Long> positions = root.getOrComputeResource("baton.positions",
                key -> EventPositions.of(trackedMessages(root), this::storePositions));
        Long position = positions.get(eventId);
        if (position == null) {
            position = storePositions(List.of(eventId)).get(eventId);
        }
        if (position == null) {
            throw new IllegalStateException("event " + eventId + " is not in the store");
        }
        return position;
    }

    private static List<? extends Message<?>> batchMessages(UnitOfWork<?> root) {
        return root instanceof BatchingUnitOfWork<?> batch ? batch.getMessages() : List.of(root.getMessage());
    }

    private static List<TrackedEventMessage<?>> trackedMessages(UnitOfWork<?> root) {
        return batchMessages(root).stream().filter(TrackedEventMessage.class::isInstance)
                .<TrackedEventMessage<?>>map(message -> (TrackedEventMessage<?>) message).toList();
    }

    private Map<String, Long> storePositions(List<String> eventIds) {
        Map<String, Long> positions = new HashMap<>();
        SqlLists.inChunks(eventIds, (in, ids) -> jdbc.query("select event_identifier, global_index from domain_event_entry"
                + " where event_identifier in " + in, rs -> {
                    positions.put(rs.getString(1), rs.getLong(2));
                }, ids.toArray()));
        return positions;
    }
}
