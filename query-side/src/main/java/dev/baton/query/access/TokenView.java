package dev.baton.query.access;

import java.time.Instant;

/** A personal API token as its owner sees it listed: never the token, nor its hash. */
public record TokenView(String tokenId, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
}
