package dev.baton.core.run;

/** The task cannot run: {@code blockedBy}, a task it depends on (directly or not), failed or was stopped. */
public record RunTaskBlockedEvent(String runId, String projectId, String taskId, String blockedBy) implements RunEvent {
}
