package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a new password (its Argon2id hash, made by the API) and signs out every open session but
 * {@code keepSessionId} (the one that asked, if any: an administrator's reset keeps none). API tokens stay.
 */
public record ChangePasswordCommand(@TargetAggregateIdentifier String userId, String passwordHash,
                                    String keepSessionId) {
}
