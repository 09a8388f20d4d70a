package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.core.account.ProviderKeyNames;
import dev.baton.core.account.RemoveProviderKeyCommand;
import dev.baton.core.account.SetProviderKeyCommand;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.SealedSecret;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import dev.baton.query.access.ProviderKeyView;
import dev.baton.query.support.Page;
import dev.baton.runner.secret.SecretMask;
import dev.baton.runner.secret.SecretVault;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller's provider keys (seed 004): the agent API keys their agents get as environment variables. A value is
 * sealed the moment it arrives, stored only sealed, and never answered nor logged; listing shows names and times.
 */
@RestController
@RequestMapping("/api/v1/me/provider-keys")
class ProviderKeyController {

    record KeyBody(String value) {
    }

    /** Longer than any provider's key; a value is one line with no control characters. */
    static final int MAX_VALUE = 8192;
    private static final Logger log = LoggerFactory.getLogger(ProviderKeyController.class);
    private final Accounts accounts;
    private final AccessDirectory directory;
    private final CommandSender commands;
    private final SecretVault vault;
    private final HttpServletRequest request;

    ProviderKeyController(Accounts accounts, AccessDirectory directory, CommandSender commands, SecretVault vault,
                          HttpServletRequest request) {
        this.accounts = accounts;
        this.directory = directory;
        this.commands = commands;
        this.vault = vault;
        this.request = request;
    }

    @GetMapping
    Envelope list() {
        Caller caller = accounts.caller(request);
        return Envelope.ok(new Page<>(directory.providerKeys(caller.userId()), null));
    }

    @PutMapping("/{name}")
    Envelope set(@PathVariable String name, @RequestBody KeyBody body) {
        Caller caller = accounts.caller(request);
        String checkedName = ProviderKeyNames.checked(name);
        SealedSecret sealed = vault.seal(checkedValue(body.value()));
        long version;
        try {
            version = commands.send(new SetProviderKeyCommand(caller.userId(), checkedName, sealed));
        } catch (RuntimeException refused) {
            vault.destroy(sealed.keyId()); // nothing is stored: not even a key for a value no event holds
            throw refused;
        }
        log.info("provider key {} of {} stored, sealed", checkedName, caller.username());
        ProviderKeyView stored = directory.providerKeys(caller.userId()).stream()
                .filter(key -> key.name().equals(checkedName)).findFirst().orElseThrow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", stored.name());
        answer.put("updated_at", stored.updatedAt());
        answer.put("version", version);
        return Envelope.ok(answer);
    }

    @DeleteMapping("/{name}")
    Envelope remove(@PathVariable String name) {
        Caller caller = accounts.caller(request);
        long version = commands.send(new RemoveProviderKeyCommand(caller.userId(), name));
        log.info("provider key {} of {} removed; its data key is destroyed", name, caller.username());
        return Envelope.ok(Map.of("status", "removed", "version", version));
    }

    /**
     * The value as it will be given to the agent: surrounding white space (a pasted line break) dropped, long enough
     * to be told apart from ordinary text in what agents print (so it can be hidden there), one line, not too long.
     */
    private static String checkedValue(String value) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() < SecretMask.MIN_LENGTH) {
            throw DomainException.invalidField("value", "a provider key's value needs at least " + SecretMask.MIN_LENGTH
                    + " characters: shorter values cannot be hidden from what agents print");
        }
        if (stripped.length() > MAX_VALUE) {
            throw DomainException.invalidField("value", "a provider key's value has at most " + MAX_VALUE
                    + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalidField("value", "a provider key's value is one line without control"
                    + " characters");
        }
        return stripped;
    }
}
