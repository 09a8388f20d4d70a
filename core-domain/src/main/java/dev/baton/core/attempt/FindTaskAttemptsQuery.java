package dev.baton.core.attempt;

/** A task's attempts, newest first. */
public record FindTaskAttemptsQuery(String taskId) {
}
