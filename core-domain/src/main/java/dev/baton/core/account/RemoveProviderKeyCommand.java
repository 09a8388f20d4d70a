package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes one of the user's provider keys. */
public record RemoveProviderKeyCommand(@TargetAggregateIdentifier String userId, String name) {
}
