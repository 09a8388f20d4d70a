package dev.baton.core.account;

/**
 * An account was created; {@code passwordHash} is the Argon2id hash, never the password, and null for an account
 * that signs in with an identity provider only.
 */
public record UserRegisteredEvent(String userId, String username, String displayName, String passwordHash,
                                  boolean admin) {
}
