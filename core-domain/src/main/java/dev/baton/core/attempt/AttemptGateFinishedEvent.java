package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

public record AttemptGateFinishedEvent(String attemptId, String taskId, String projectId, String gate, int exitCode,
                                       long durationMs, String outputRef) implements ProjectScoped {
}
