package dev.baton.core.run;

public record RunTaskPausedEvent(String runId, String projectId, String taskId) implements RunEvent {
}
