package dev.baton.core.task;

import dev.baton.core.common.ProjectScoped;

/** {@code index} numbers the task's steerings from 0, in the order they were given. */
public record TaskSteeredEvent(String taskId, String projectId, int index, String comment, String promptPatch)
        implements ProjectScoped {
}
