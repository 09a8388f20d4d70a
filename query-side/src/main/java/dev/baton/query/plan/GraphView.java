package dev.baton.query.plan;

import dev.baton.core.plan.CompiledTask;

import java.time.Instant;
import java.util.List;

/** A compiled task graph: its tasks in dependency order, and whether its plan version was confirmed with it. */
public record GraphView(String graphId, String planId, String projectId, int planVersion, String mode,
                        List<CompiledTask> tasks, boolean confirmed, Instant compiledAt) {

    public GraphView confirm() {
        return new GraphView(graphId, planId, projectId, planVersion, mode, tasks, true, compiledAt);
    }
}
