package dev.baton.core.moxxy;

import java.time.Instant;

/** A check of the stored connection: {@code problem} null when the instance answered. */
public record MoxxyConnectionVerifiedEvent(String connectionId, Instant at, String problem) {
}
