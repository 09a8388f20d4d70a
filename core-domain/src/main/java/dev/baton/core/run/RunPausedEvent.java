package dev.baton.core.run;

public record RunPausedEvent(String runId, String projectId) implements RunEvent {
}
