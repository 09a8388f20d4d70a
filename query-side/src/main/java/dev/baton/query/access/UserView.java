package dev.baton.query.access;

import java.time.Instant;

/**
 * An account as {@code GET /users} and {@code /auth/me} answer it: never its password hash. A {@code disabled}
 * account cannot sign in and its credentials are refused.
 */
public record UserView(String userId, String username, String displayName, boolean isAdmin, Instant createdAt,
                       boolean disabled) {
}
