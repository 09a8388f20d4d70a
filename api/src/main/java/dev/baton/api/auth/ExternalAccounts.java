package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.core.account.AccountIds;
import dev.baton.core.account.RegisterExternalUserCommand;
import dev.baton.core.account.Usernames;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.UserView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The account an identity of a provider (the provider's registration id on this server, and its subject for the
 * person: the ID token's {@code sub}, GitHub's numeric user id) signs in as. An identity that signed in before signs
 * in as the same account, whatever its name at the provider is now. The first sign-in of an identity makes an
 * account, without password and never an administrator, named after the provider's username
 * ({@code preferred_username}, GitHub's {@code login}; else the email's or the name's letters), lowercased, accents
 * dropped, other characters than letters, digits, '.', '-', '_' made '-'. When that name is taken, by a local account
 * or another identity's, the new account gets the first free name with a suffix ({@code ada-2}, {@code ada-3}, ...):
 * a provider's sign-in never reaches an account it did not make (a provider's user named "admin" is not Baton's).
 * Only the identities {@link SignUpAllowList} admits get an account; the others sign in to nothing.
 */
@Component
class ExternalAccounts {

    /** The suffixes tried when the provider's username is taken ({@code -2} to this). */
    static final int MAX_SUFFIX = 100;
    private static final List<String> NAME_ATTRIBUTES = List.of("preferred_username", "login", "email", "name");
    private static final Logger log = LoggerFactory.getLogger(ExternalAccounts.class);
    private final AccessDirectory directory;
    private final CommandSender commands;
    private final SignUpAllowList allowList;

    ExternalAccounts(AccessDirectory directory, CommandSender commands, SignUpAllowList allowList) {
        this.directory = directory;
        this.commands = commands;
        this.allowList = allowList;
    }

    /**
     * The account of {@code person}, who signed in with the provider {@code registrationId}; made if new and the
     * allow-list admits them, else none (and nothing is stored).
     */
    Optional<UserView> accountOf(String registrationId, OAuth2User person) {
        ProviderIdentity identity = ProviderIdentity.of(registrationId, person);
        Optional<String> known = directory.userOfIdentity(registrationId, identity.subject());
        if (known.isEmpty() && !allowList.admits(identity)) {
            // what the provider says of the person is no secret (no token is in it), and tells an administrator
            // what to add to the allow-list
            log.info("no account for a first sign-in with {}: {} is not in {}", registrationId, identity.describe(),
                    SignUpAllowList.PROPERTY);
            return Optional.empty();
        }
        String userId = known.orElseGet(() -> register(registrationId, identity.subject(), person));
        return Optional.of(directory.user(userId).orElseThrow());
    }

    private String register(String registrationId, String subject, OAuth2User person) {
        String username = freeUsername(usernameOf(person));
        String userId = AccountIds.ofUsername(username);
        try {
            commands.createAs(username, new RegisterExternalUserCommand(userId, username, displayNameOf(person),
                    registrationId, subject));
        } catch (RuntimeException e) {
            // another sign-in of the same person, at the same moment, made the account first
            return directory.userOfIdentity(registrationId, subject).orElseThrow(() -> e);
        }
        log.info("made the account {} for a first sign-in with {}", username, registrationId);
        return userId;
    }

    private String freeUsername(String wanted) {
        for (int suffix = 1; suffix <= MAX_SUFFIX; suffix++) {
            String username = Usernames.checked(suffix == 1 ? wanted : wanted + "-" + suffix);
            if (directory.user(AccountIds.ofUsername(username)).isEmpty()) {
                return username;
            }
        }
        throw new DomainException(ErrorCode.CONFLICT, "the usernames " + wanted + " to " + wanted + "-" + MAX_SUFFIX
                + " are all taken");
    }

    /** The provider's username made a Baton username: at most 36 characters, so that a suffix fits. */
    static String usernameOf(OAuth2User person) {
        for (String attribute : NAME_ATTRIBUTES) {
            if (person.getAttribute(attribute) instanceof String value) {
                String name = Normalizer.normalize(value.strip().split("@", 2)[0], Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                        .replaceFirst("^[._-]+", "");
                if (!name.isEmpty()) {
                    return name.substring(0, Math.min(name.length(), 36));
                }
            }
        }
        return "user";
    }

    private static String displayNameOf(OAuth2User person) {
        return person.getAttribute("name") instanceof String name && !name.isBlank()
                ? name.strip().substring(0, Math.min(name.strip().length(), Checks.MAX_NAME)) : null;
    }
}
