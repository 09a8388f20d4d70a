package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.core.account.ChangePasswordCommand;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import dev.baton.query.access.UserView;
import dev.baton.runner.store.DurableCommits;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Changing a password: one's own, with the current one (the other sessions are signed out), or, for an
 * administrator, anyone's (all their sessions are signed out). API tokens stay: revoke them apart.
 */
@RestController
@RequestMapping("/api/v1")
class PasswordController {

    record ChangeBody(String currentPassword, String newPassword) {
    }

    record ResetBody(String newPassword) {
    }

    private static final Logger log = LoggerFactory.getLogger(PasswordController.class);
    /** Guesses of the current password, per account: ten at once, then one every six seconds. */
    private final RateLimiter guesses = new RateLimiter(1 / 6.0, 10, System::nanoTime);
    private final Accounts accounts;
    private final AccessDirectory directory;
    private final Passwords passwords;
    private final CommandSender commands;
    private final DurableCommits durableCommits;
    private final HttpServletRequest request;

    PasswordController(Accounts accounts, AccessDirectory directory, Passwords passwords, CommandSender commands,
                       DurableCommits durableCommits, HttpServletRequest request) {
        this.durableCommits = durableCommits;
        this.accounts = accounts;
        this.directory = directory;
        this.passwords = passwords;
        this.commands = commands;
        this.request = request;
    }

    @PutMapping("/auth/password")
    Envelope change(@RequestBody ChangeBody body) {
        Caller caller = accounts.caller(request);
        guesses.take(caller.userId()).ifPresent(wait -> {
            throw new DomainException(ErrorCode.RATE_LIMITED, "too many tries of the current password: retry in "
                    + Math.max(1, wait.toSeconds()) + " s");
        });
        String currentHash = directory.password(caller.username()).map(found -> found[1]).orElse(null);
        if (currentHash == null) {
            throw DomainException.invalidState("this account signs in with an identity provider and has no password:"
                    + " an administrator can set one");
        }
        if (!passwords.matches(body.currentPassword(), currentHash)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "the current password is wrong",
                    Map.of("fields", List.of("current_password")));
        }
        guesses.forget(caller.userId());
        if (caller.passwordExpired() && passwords.matches(body.newPassword(), currentHash)) {
            throw DomainException.invalidField("new_password", "choose a password of your own, not the one printed"
                    + " in the log");
        }
        String hash = passwords.hash("new_password", body.newPassword());
        String keep = Caller.SESSION.equals(caller.kind()) ? caller.credentialId() : null;
        long version = commands.send(new ChangePasswordCommand(caller.userId(), hash, keep));
        durableCommits.now(); // lost to a crash, the new password would not sign in (and the old one would)
        log.info("{} changed their password; their other sessions are signed out", caller.username());
        return Envelope.ok(Map.of("status", "changed", "version", version));
    }

    @PutMapping("/users/{userId}/password")
    Envelope reset(@PathVariable String userId, @RequestBody ResetBody body) {
        Caller admin = accounts.admin(request);
        UserView user = accounts.user(userId);
        String hash = passwords.hash("new_password", body.newPassword());
        long version = commands.send(new ChangePasswordCommand(user.userId(), hash, null));
        durableCommits.now();
        log.info("{} set a new password for {}; all their sessions are signed out", admin.username(),
                user.username());
        return Envelope.ok(Map.of("status", "changed", "version", version));
    }
}
