package dev.baton.runner.secret;

import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyDisconnectedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Destroys the data key of a token that was replaced or whose connection was removed, so that the events that carry
 * it sealed can no longer be opened. An event processor of its own: a crash before the key is destroyed leaves the
 * event to be handled again (destroying is idempotent).
 */
@Component
@ProcessingGroup(SecretShredder.GROUP)
class SecretShredder {

    static final String GROUP = "secret-shredder";

    private final SecretVault vault;

    SecretShredder(SecretVault vault) {
        this.vault = vault;
    }

    @EventHandler
    void on(MoxxyConnectedEvent event) {
        if (event.replacedKeyId() != null) {
            vault.destroy(event.replacedKeyId());
        }
    }

    @EventHandler
    void on(MoxxyDisconnectedEvent event) {
        if (event.keyId() != null) {
            vault.destroy(event.keyId());
        }
    }
}
