package dev.baton.query.access;

import java.time.Instant;

/** An account as {@code GET /users} and {@code /auth/me} answer it: never its password hash. */
public record UserView(String userId, String username, String displayName, boolean isAdmin, Instant createdAt) {
}
