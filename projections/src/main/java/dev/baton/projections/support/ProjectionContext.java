package dev.baton.projections.support;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelBatch;
import dev.baton.query.support.ReadModelUpdates;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.function.IntFunction;

/**
 * What every projection handler needs besides the event: its batch of writes (in the generation it writes), the
 * store position of the event, and a signal to waiting readers once the batch is committed.
 */
@Component
public class ProjectionContext {

    private final ProjectionGenerations generations;
    private final ReadModelUpdates updates;

    public ProjectionContext(ProjectionGenerations generations, ReadModelUpdates updates) {
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
            root.afterCommit(u -> updates.changed());
            return batch;
        });
    }

    /** The global position of the event in the store (its global index). */
    public static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without position: " + token));
    }
}
