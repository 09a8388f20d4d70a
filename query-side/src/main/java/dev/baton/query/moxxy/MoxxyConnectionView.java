package dev.baton.query.moxxy;

import java.time.Instant;

/**
 * An owner's moxxy connection as {@code GET /moxxy/connection} answers it: where the instance is, how Baton
 * authenticates (never the token itself, not even sealed), when it last answered, and {@code status}:
 * {@code connected}, or {@code failing} when the last check did not get through ({@code problem} says why).
 */
public record MoxxyConnectionView(String connectionId, String owner, String baseUrl, String tokenKind, boolean hasToken,
                                  String status, Instant verifiedAt, Instant checkedAt, String problem, long version) {

    public MoxxyConnectionView checked(Instant at, String newProblem, long newVersion) {
        return new MoxxyConnectionView(connectionId, owner, baseUrl, tokenKind, hasToken,
                newProblem == null ? "connected" : "failing", newProblem == null ? at : verifiedAt, at, newProblem,
                newVersion);
    }
}
