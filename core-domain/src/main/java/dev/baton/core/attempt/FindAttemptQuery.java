package dev.baton.core.attempt;

public record FindAttemptQuery(String attemptId) {
}
