package dev.baton.core.run;

/** The task's attempt is merged into the target branch: the tasks that depend on it may start. */
public record RunTaskDoneEvent(String runId, String projectId, String taskId, String attemptId) implements RunEvent {
}
