package dev.baton.core.account;

/** A disabled account may sign in again (with new sessions and tokens: the old ones stay revoked). */
public record UserEnabledEvent(String userId) {
}
