package dev.baton.api.auth;

import dev.baton.core.account.AccountIds;
import dev.baton.core.common.DomainException;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import dev.baton.query.access.UserView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** What the account endpoints share: accounts must be on, and who the caller is. */
@Component
class Accounts {

    private final AuthSettings settings;
    private final AccessDirectory directory;

    Accounts(AuthSettings settings, AccessDirectory directory) {
        this.settings = settings;
        this.directory = directory;
    }

    /** Refuses an account operation on a server whose accounts are off. */
    void requireOn() {
        if (!settings.enabled()) {
            throw DomainException.invalidState("accounts are off on this server: start it with"
                    + " baton.auth.enabled=true (BATON_AUTH_ENABLED=true) to use them");
        }
    }

    Caller caller(HttpServletRequest request) {
        requireOn();
        return CurrentCaller.require(request);
    }

    Caller admin(HttpServletRequest request) {
        Caller caller = caller(request);
        if (!caller.admin()) {
            throw DomainException.forbidden("only an administrator can manage accounts");
        }
        return caller;
    }

    /** A user named by id or by username (team admins know their colleagues' names, not their ids). */
    UserView user(String idOrUsername) {
        return directory.user(idOrUsername).or(() -> directory.user(AccountIds.ofUsername(idOrUsername)))
                .orElseThrow(() -> DomainException.notFound("user", idOrUsername));
    }
}
