package dev.baton.core.attempt;

public record AttemptCancelledEvent(String attemptId, String taskId, String projectId, AttemptStatus cancelledIn,
                                    String reason) implements AttemptEvent {
}
