package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Creates a personal API token. The API made the token and answers it once; only its SHA-256 travels here.
 * {@code expiresAt} is null for a token that does not expire.
 */
public record CreateApiTokenCommand(@TargetAggregateIdentifier String userId, String tokenId, String name,
                                    String tokenHash, Instant expiresAt) {
}
