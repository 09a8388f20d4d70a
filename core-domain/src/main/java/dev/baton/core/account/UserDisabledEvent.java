package dev.baton.core.account;

/** The account may no longer sign in; its sessions end and its tokens are revoked by the events that follow. */
public record UserDisabledEvent(String userId) {
}
