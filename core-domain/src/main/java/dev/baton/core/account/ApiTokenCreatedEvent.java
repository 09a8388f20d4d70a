package dev.baton.core.account;

import java.time.Instant;

/** A personal API token was created; {@code tokenHash} is its SHA-256. */
public record ApiTokenCreatedEvent(String userId, String tokenId, String name, String tokenHash, Instant expiresAt) {
}
