package dev.baton.core.account;

/** The account became an administrator ({@code admin}) or stopped being one. */
public record UserAdminChangedEvent(String userId, boolean admin) {
}
