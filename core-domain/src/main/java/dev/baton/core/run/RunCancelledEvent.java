package dev.baton.core.run;

public record RunCancelledEvent(String runId, String projectId) implements RunEvent {
}
