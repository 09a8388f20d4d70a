package dev.baton.core.run;

/**
 * A person picked this attempt of the task for the merge queue. {@code supersededAttemptId}, when set, is the task's
 * attempt still at work, which the run saga cancels.
 */
public record RunAttemptPromotedEvent(String runId, String projectId, String taskId, String attemptId,
                                      String supersededAttemptId) implements RunEvent {
}
