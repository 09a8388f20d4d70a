package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes one of the user's API tokens: it stops working at once. */
public record RevokeApiTokenCommand(@TargetAggregateIdentifier String userId, String tokenId) {
}
