package dev.baton.core.account;

/** A session was closed: its cookie no longer signs anyone in. */
public record UserSignedOutEvent(String userId, String sessionId) {
}
