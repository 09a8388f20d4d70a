package dev.baton.core.run;

/** The task stops in this run; {@code attemptId}, when set, is its attempt at work, which the run saga cancels. */
public record RunTaskStoppedEvent(String runId, String projectId, String taskId, String attemptId, String reason)
        implements RunEvent {
}
