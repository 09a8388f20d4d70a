package dev.baton.core.plan;

import java.util.List;

/** The tasks of a compiled plan in a dependency order: every task comes after the tasks it depends on. */
public record CompiledGraph(String mode, List<CompiledTask> tasks) {
}
