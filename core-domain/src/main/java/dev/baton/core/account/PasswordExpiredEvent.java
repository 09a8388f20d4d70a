package dev.baton.core.account;

/** Until the account's password is changed, signing in with it only allows setting a new one. */
public record PasswordExpiredEvent(String userId) {
}
