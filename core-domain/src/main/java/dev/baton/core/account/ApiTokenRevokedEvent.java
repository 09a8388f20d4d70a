package dev.baton.core.account;

/** A personal API token was revoked. */
public record ApiTokenRevokedEvent(String userId, String tokenId) {
}
