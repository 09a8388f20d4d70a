package dev.baton.api.auth;

import dev.baton.core.account.AccountIds;
import dev.baton.query.access.AccessDirectory;
import dev.baton.runner.secret.ProviderKeyAccess;
import dev.baton.runner.secret.SecretException;
import dev.baton.runner.secret.SecretVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runner's provider keys, from the access directory: those of the user who started the attempt, opened one by
 * one. With accounts off there are none: the user an event names is then whatever a request said, not someone who
 * signed in, so no one's keys may follow it.
 */
@Component
class StoredProviderKeys implements ProviderKeyAccess {

    private static final Logger log = LoggerFactory.getLogger(StoredProviderKeys.class);
    private final AuthSettings settings;
    private final AccessDirectory directory;
    private final SecretVault vault;

    StoredProviderKeys(AuthSettings settings, AccessDirectory directory, SecretVault vault) {
        this.settings = settings;
        this.directory = directory;
        this.vault = vault;
    }

    @Override
    public Keys keysOf(String username) {
        if (!settings.enabled() || username == null || username.isBlank()) {
            return Keys.NONE;
        }
        Map<String, String> values = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        directory.sealedProviderKeys(AccountIds.ofUsername(username)).forEach((name, sealed) -> {
            try {
                values.put(name, vault.open(sealed));
            } catch (SecretException e) {
                log.warn("provider key {} of {} cannot be opened: {}", name, username, e.getMessage());
                unreadable.add(name);
            }
        });
        return new Keys(values, unreadable);
    }
}
