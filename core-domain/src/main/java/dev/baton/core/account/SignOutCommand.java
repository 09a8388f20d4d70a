package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes one of the user's sessions. */
public record SignOutCommand(@TargetAggregateIdentifier String userId, String sessionId) {
}
