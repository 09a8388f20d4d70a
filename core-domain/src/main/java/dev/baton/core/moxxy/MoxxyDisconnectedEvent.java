package dev.baton.core.moxxy;

/** The connection was removed; {@code keyId}, its token's data key (null if none), is destroyed by the runner. */
public record MoxxyDisconnectedEvent(String connectionId, String owner, String keyId) {
}
