package dev.baton.core.account;

/** A provider key was removed; {@code keyId} is its value's data key, destroyed by the runner. */
public record ProviderKeyRemovedEvent(String userId, String name, String keyId) {
}
