package dev.baton.runner.secret;

import dev.baton.core.account.ProviderKeyRemovedEvent;
import dev.baton.core.account.ProviderKeySetEvent;
import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyDisconnectedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Destroys the data key of a secret that was replaced or removed (a moxxy token, a provider key), so that the events
 * that carry it sealed can no longer be opened. An event processor of its own: a crash before the key is destroyed leaves the
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

    @EventHandler
    void on(ProviderKeySetEvent event) {
        if (event.replacedKeyId() != null) {
            vault.destroy(event.replacedKeyId());
        }
    }

    @EventHandler
    void on(ProviderKeyRemovedEvent event) {
        vault.destroy(event.keyId());
    }
}
