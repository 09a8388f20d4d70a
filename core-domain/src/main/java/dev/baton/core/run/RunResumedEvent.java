package dev.baton.core.run;

public record RunResumedEvent(String runId, String projectId) implements RunEvent {
}
