package dev.baton.projections.support;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelUpdates;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * What every projection handler needs besides the event: the generation it writes (read once per batch), the
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

    /** The generation this batch writes; also arranges the "read model changed" signal after commit. */
    public int writingGeneration(String projection) {
        if (!CurrentUnitOfWork.isStarted()) {
            return generations.writing(projection);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("baton.gen." + projection, key -> {
            root.afterCommit(u -> updates.changed());
            return generations.writing(projection);
        });
    }

    /** The global position of the event in the store (its global index). */
    public static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without position: " + token));
    }
}
