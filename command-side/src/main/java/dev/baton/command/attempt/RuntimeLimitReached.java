package dev.baton.command.attempt;

/** The payload of an attempt's runtime deadline. */
public record RuntimeLimitReached(String attemptId, long limitSeconds) {
}
