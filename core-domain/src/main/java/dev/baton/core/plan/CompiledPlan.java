package dev.baton.core.plan;

import java.util.List;

/** What compiling or confirming answers: the graph, and {@code version}, the plan aggregate's last event. */
public record CompiledPlan(String planId, int planVersion, String graphId, String mode, List<CompiledTask> tasks,
                           long version) {
}
