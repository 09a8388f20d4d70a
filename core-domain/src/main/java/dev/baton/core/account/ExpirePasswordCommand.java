package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Makes the account's password good for one thing only: setting a new one. The first administrator's random
 * password, printed once in the log, is made so, so that it is a one-time sign-in secret.
 */
public record ExpirePasswordCommand(@TargetAggregateIdentifier String userId) {
}
