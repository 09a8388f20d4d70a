package dev.baton.query.access;

import java.time.Instant;

/**
 * Who a valid credential signs in: the user, and the credential itself ({@code kind} token or session) with when it
 * was last used. {@code passwordExpired}: the user may only set a new password until they do.
 */
public record Caller(String userId, String username, boolean admin, String credentialId, String kind,
                     Instant lastUsedAt, boolean passwordExpired) {

    public static final String TOKEN = "token";
    public static final String SESSION = "session";
}
