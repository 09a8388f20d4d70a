package dev.baton.core.plan;

import java.util.List;

/**
 * A task of a compiled graph: its id (the same for the same plan and key, every time), its title, a description
 * made of its notes and the context of the nodes that contain it, its acceptance criteria and theirs, and the keys
 * of the tasks it depends on.
 */
public record CompiledTask(String key, String taskId, String title, String description, List<String> acceptanceCriteria,
                           List<String> dependsOn) {
}
