package dev.baton.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ApiTokenCreatedEvent;
import dev.baton.core.account.ApiTokenRevokedEvent;
import dev.baton.core.account.ChangePasswordCommand;
import dev.baton.core.account.ChangeUserAccessCommand;
import dev.baton.core.account.CreateApiTokenCommand;
import dev.baton.core.account.ExpirePasswordCommand;
import dev.baton.core.account.PasswordChangedEvent;
import dev.baton.core.account.PasswordExpiredEvent;
import dev.baton.core.account.ExternalIdentityLinkedEvent;
import dev.baton.core.account.ProviderKeyNames;
import dev.baton.core.account.ProviderKeyRemovedEvent;
import dev.baton.core.account.ProviderKeySetEvent;
import dev.baton.core.account.RecordSignInCommand;
import dev.baton.core.account.RegisterExternalUserCommand;
import dev.baton.core.account.RegisterUserCommand;
import dev.baton.core.account.RemoveProviderKeyCommand;
import dev.baton.core.account.RevokeApiTokenCommand;
import dev.baton.core.account.SetProviderKeyCommand;
import dev.baton.core.account.SignOutCommand;
import dev.baton.core.account.UserAdminChangedEvent;
import dev.baton.core.account.UserDisabledEvent;
import dev.baton.core.account.UserEnabledEvent;
import dev.baton.core.account.UserRegisteredEvent;
import dev.baton.core.account.UserSignedInEvent;
import dev.baton.core.account.UserSignedOutEvent;
import dev.baton.core.account.Usernames;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person's account: who they are, their open sessions, their personal API tokens and their provider keys. Secrets
 * never reach it in clear: the password, session cookies and tokens arrive as hashes made by the API, provider keys
 * sealed by the secret vault.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("2") // 2: it knows whether it is an admin and disabled; snapshots of revision 1 lack that and are skipped
public class UserAccount {

    /** More live tokens than this is a script gone wrong, not a person. */
    static final int MAX_ACTIVE_TOKENS = 100;
    /** More keys than this is not a set of providers. */
    static final int MAX_PROVIDER_KEYS = 50;

    @AggregateIdentifier
    private String userId;
    /** Open sessions and when each expires; expired ones are dropped at the next sign-in. */
    private Map<String, Instant> sessions = new HashMap<>();
    private Set<String> activeTokens = new HashSet<>();
    private Set<String> revokedTokens = new HashSet<>();
    private boolean admin;
    private boolean disabled;
    /** Each provider key's name and the data key of its sealed value. */
    private Map<String, String> providerKeys = new HashMap<>();

    /** Axon loads an account with this constructor. */
    public UserAccount() {
    }

    @CommandHandler
    public UserAccount(RegisterUserCommand command) {
        String username = username(command.userId(), command.username());
        String hash = Checks.required("password", command.passwordHash(), Checks.MAX_SHORT);
        apply(new UserRegisteredEvent(command.userId(), username, displayName(command.displayName(), username), hash,
                command.admin()));
    }

    @CommandHandler
    public UserAccount(RegisterExternalUserCommand command) {
        String username = username(command.userId(), command.username());
        String registrationId = Checks.required("registration_id", command.registrationId(), Checks.MAX_NAME);
        String subject = Checks.required("subject", command.subject(), Checks.MAX_NAME);
        apply(new UserRegisteredEvent(command.userId(), username, displayName(command.displayName(), username), null,
                false));
        apply(new ExternalIdentityLinkedEvent(command.userId(), registrationId, subject));
    }

    @CommandHandler
    public Long handle(RecordSignInCommand command) {
        Checks.required("session_id", command.sessionId(), Checks.MAX_NAME);
        Checks.required("session_hash", command.sessionHash(), Checks.MAX_SHORT);
        if (command.expiresAt() == null) {
            throw DomainException.invalidField("expires_at", "a session needs an expiry");
        }
        apply(new UserSignedInEvent(userId, command.sessionId(), command.sessionHash(), command.expiresAt(),
                Checks.required("method", command.method(), Checks.MAX_NAME)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(SignOutCommand command) {
        if (!sessions.containsKey(command.sessionId())) {
            throw DomainException.notFound("session", command.sessionId());
        }
        apply(new UserSignedOutEvent(userId, command.sessionId()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(ExpirePasswordCommand command) {
        apply(new PasswordExpiredEvent(userId));
        return AggregateLifecycle.getVersion();
    }

    /** A new password signs out the other sessions: whoever knew the old one is out. */
    @CommandHandler
    public Long handle(ChangePasswordCommand command) {
        apply(new PasswordChangedEvent(userId, Checks.required("password", command.passwordHash(), Checks.MAX_SHORT)));
        sessions.keySet().stream().filter(session -> !session.equals(command.keepSessionId())).sorted().toList()
                .forEach(session -> apply(new UserSignedOutEvent(userId, session)));
        return AggregateLifecycle.getVersion();
    }

    /** Disabling shuts the account out at once: its sessions end and its tokens are revoked, each an event. */
    @CommandHandler
    public Long handle(ChangeUserAccessCommand command) {
        if (command.admin() != null && command.admin() != admin) {
            apply(new UserAdminChangedEvent(userId, command.admin()));
        }
        if (command.disabled() != null && command.disabled() != disabled) {
            if (command.disabled()) {
                apply(new UserDisabledEvent(userId));
                sessions.keySet().stream().sorted().toList()
                        .forEach(session -> apply(new UserSignedOutEvent(userId, session)));
                activeTokens.stream().sorted().toList()
                        .forEach(token -> apply(new ApiTokenRevokedEvent(userId, token)));
            } else {
                apply(new UserEnabledEvent(userId));
            }
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(CreateApiTokenCommand command) {
        String name = Checks.required("name", command.name(), Checks.MAX_NAME);
        Checks.required("token_hash", command.tokenHash(), Checks.MAX_SHORT);
        if (activeTokens.contains(command.tokenId()) || revokedTokens.contains(command.tokenId())) {
            throw DomainException.invalidState("token " + command.tokenId() + " exists already");
        }
        if (activeTokens.size() >= MAX_ACTIVE_TOKENS) {
            throw DomainException.invalidState("at most " + MAX_ACTIVE_TOKENS + " tokens can be active: revoke one first");
        }
        apply(new ApiTokenCreatedEvent(userId, command.tokenId(), name, command.tokenHash(), command.expiresAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RevokeApiTokenCommand command) {
        if (revokedTokens.contains(command.tokenId())) {
            throw DomainException.invalidState("token " + command.tokenId() + " is revoked already");
        }
        if (!activeTokens.contains(command.tokenId())) {
            throw DomainException.notFound("token", command.tokenId());
        }
        apply(new ApiTokenRevokedEvent(userId, command.tokenId()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(SetProviderKeyCommand command) {
        String name = ProviderKeyNames.checked(command.name());
        if (command.value() == null) {
            throw DomainException.invalidField("value", "a provider key needs a value");
        }
        if (!providerKeys.containsKey(name) && providerKeys.size() >= MAX_PROVIDER_KEYS) {
            throw DomainException.invalidState("at most " + MAX_PROVIDER_KEYS + " provider keys can be stored: remove"
                    + " one first");
        }
        apply(new ProviderKeySetEvent(userId, name, command.value(), providerKeys.get(name)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RemoveProviderKeyCommand command) {
        String keyId = providerKeys.get(command.name());
        if (keyId == null) {
            throw DomainException.notFound("provider key", command.name());
        }
        apply(new ProviderKeyRemovedEvent(userId, command.name(), keyId));
        return AggregateLifecycle.getVersion();
    }

    private static String username(String userId, String requested) {
        String username = Usernames.checked(requested);
        if (!userId.equals(AccountIds.ofUsername(username))) {
            throw DomainException.invalidState("user id " + userId + " is not the id of " + username);
        }
        return username;
    }

    private static String displayName(String requested, String username) {
        String displayName = Checks.optional("display_name", requested, Checks.MAX_NAME);
        return displayName == null || displayName.isBlank() ? username : displayName.strip();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        admin = event.admin();
    }

    @EventSourcingHandler
    void on(UserAdminChangedEvent event) {
        admin = event.admin();
    }

    @EventSourcingHandler
    void on(UserDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(UserSignedInEvent event, @Timestamp Instant at) {
        sessions.values().removeIf(expiry -> expiry.isBefore(at));
        sessions.put(event.sessionId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(UserSignedOutEvent event) {
        sessions.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(ApiTokenCreatedEvent event) {
        activeTokens.add(event.tokenId());
    }

    @EventSourcingHandler
    void on(ApiTokenRevokedEvent event) {
        activeTokens.remove(event.tokenId());
        revokedTokens.add(event.tokenId());
    }

    @EventSourcingHandler
    void on(ProviderKeySetEvent event) {
        providerKeys.put(event.name(), event.value().keyId());
    }

    @EventSourcingHandler
    void on(ProviderKeyRemovedEvent event) {
        providerKeys.remove(event.name());
    }
}
