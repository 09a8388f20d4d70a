package dev.baton.core.run;

/** The run ended with tasks not done: {@code reason} counts them (or names the task that failed it, fail fast). */
public record RunFailedEvent(String runId, String projectId, String reason) implements RunEvent {
}
