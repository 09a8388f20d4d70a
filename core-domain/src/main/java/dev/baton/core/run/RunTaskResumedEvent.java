package dev.baton.core.run;

public record RunTaskResumedEvent(String runId, String projectId, String taskId) implements RunEvent {
}
