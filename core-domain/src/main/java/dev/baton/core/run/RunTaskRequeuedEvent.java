package dev.baton.core.run;

/**
 * The task goes back to pending for a new attempt: a retry after {@code attemptId} failed, or ({@code afterConflict})
 * a redo on the new base after its merge conflicted. {@code prompt} tells the next attempt what went wrong.
 */
public record RunTaskRequeuedEvent(String runId, String projectId, String taskId, String attemptId,
                                   boolean afterConflict, String reason, String prompt) implements RunEvent {
}
