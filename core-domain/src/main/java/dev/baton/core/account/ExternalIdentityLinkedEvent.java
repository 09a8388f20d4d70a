package dev.baton.core.account;

/**
 * An identity of a provider ({@code registrationId}, {@code subject}) signs in as this account from now on.
 */
public record ExternalIdentityLinkedEvent(String userId, String registrationId, String subject) {
}
