package dev.baton.core.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates an account for a person who signed in with an identity provider (GitHub, an OIDC provider) for the first
 * time: it has no password (it cannot use the password sign-in) and is never an administrator. The identity is the
 * provider's {@code registrationId} (as configured on the server) and the provider's {@code subject} for that person.
 * {@code userId} must be {@link AccountIds#ofUsername the id of the username}.
 */
public record RegisterExternalUserCommand(@TargetAggregateIdentifier String userId, String username,
                                          String displayName, String registrationId, String subject) {
}
