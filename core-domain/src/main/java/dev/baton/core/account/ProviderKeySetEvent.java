package dev.baton.core.account;

import dev.baton.core.common.SealedSecret;

/**
 * A provider key was stored, sealed. {@code replacedKeyId} is the data key of the value it replaces (destroyed by
 * the runner, so that the old value can no longer be read from older events), or null.
 */
public record ProviderKeySetEvent(String userId, String name, SealedSecret value, String replacedKeyId) {
}
