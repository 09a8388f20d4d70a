package dev.baton.core.attempt;

public record AttemptGateFinishedEvent(String attemptId, String taskId, String projectId, String gate, int exitCode,
                                       long durationMs, String outputRef) implements AttemptEvent {
}
