package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator's change of what an account may do: {@code admin} makes it an administrator or not, {@code disabled}
 * shuts it out or lets it in again; a null field stays as it is. Disabling ends every session and revokes every API
 * token of the account.
 */
public record ChangeUserAccessCommand(@TargetAggregateIdentifier String userId, Boolean admin, Boolean disabled) {
}
