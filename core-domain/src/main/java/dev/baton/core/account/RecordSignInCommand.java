package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records a successful sign-in, which opens a session: {@code sessionHash} is the SHA-256 of the session cookie's
 * secret (the secret itself is only ever in the browser). {@code method} says how the user proved who they are.
 */
public record RecordSignInCommand(@TargetAggregateIdentifier String userId, String sessionId, String sessionHash,
                                  Instant expiresAt, String method) {
}
