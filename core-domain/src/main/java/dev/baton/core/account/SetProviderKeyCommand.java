package dev.baton.core.account;

import dev.baton.core.common.SealedSecret;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stores (or replaces) one of the user's provider keys; the value arrives sealed by the API, never in clear. */
public record SetProviderKeyCommand(@TargetAggregateIdentifier String userId, String name, SealedSecret value) {
}
