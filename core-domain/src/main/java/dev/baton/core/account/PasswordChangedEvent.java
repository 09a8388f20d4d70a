package dev.baton.core.account;

/** The account's password changed; {@code passwordHash} is the new one's Argon2id hash, never the password. */
public record PasswordChangedEvent(String userId, String passwordHash) {
}
