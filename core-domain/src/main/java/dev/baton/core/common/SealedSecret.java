package dev.baton.core.common;

import java.util.Objects;

/**
 * A secret as events and commands carry it: the id of its own data key and the base64 of what that key encrypted.
 * Only the runner's secret vault can open it, and only while the data key exists; the plaintext never leaves it.
 */
public record SealedSecret(String keyId, String ciphertext) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Names the key only: the ciphertext stays out of log lines and exception messages. */
    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + "]";
    }
}
