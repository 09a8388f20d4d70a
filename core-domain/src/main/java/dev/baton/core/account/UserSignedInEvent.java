package dev.baton.core.account;

import java.time.Instant;

/** A user signed in and a session opened, valid until {@code expiresAt} or until they sign out. */
public record UserSignedInEvent(String userId, String sessionId, String sessionHash, Instant expiresAt,
                                String method) {
}
