package dev.baton.core.run;

/** Every task of the run is done. */
public record RunCompletedEvent(String runId, String projectId) implements RunEvent {
}
