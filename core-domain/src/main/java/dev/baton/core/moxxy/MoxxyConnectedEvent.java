package dev.baton.core.moxxy;

import dev.baton.core.common.SealedSecret;

import java.time.Instant;

/**
 * A connection stored or changed. {@code replacedKeyId} is the data key of the token it replaces (destroyed by the
 * runner, so that the old token can no longer be read from older events), or null.
 */
public record MoxxyConnectedEvent(String connectionId, String owner, MoxxyEndpoint endpoint, SealedSecret token,
                                  Instant verifiedAt, String replacedKeyId) {
}
