package dev.baton.core.run;

/** The task failed for good in this run (no retry left, or none asked for). */
public record RunTaskFailedEvent(String runId, String projectId, String taskId, String attemptId, String reason)
        implements RunEvent {
}
