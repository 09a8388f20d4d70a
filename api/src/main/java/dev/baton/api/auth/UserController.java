package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ChangePasswordCommand;
import dev.baton.core.account.ChangeUserAccessCommand;
import dev.baton.core.account.RegisterUserCommand;
import dev.baton.core.account.Usernames;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import dev.baton.query.access.UserView;
import dev.baton.query.support.Page;
import dev.baton.runner.store.DurableCommits;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accounts, managed by administrators: list them, create one (its password hashed with Argon2id at once). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    record NewUserBody(String username, String password, String displayName, Boolean isAdmin) {
    }

    record PasswordBody(String newPassword) {
    }

    /** What an administrator changes of an account; an absent field stays as it is. */
    record AccessBody(Boolean isAdmin, Boolean disabled) {
    }

    private static final Logger log = LoggerFactory.getLogger(UserController.class);
    private final Accounts accounts;
    private final AccessDirectory directory;
    private final Passwords passwords;
    private final CommandSender commands;
    private final DurableCommits durableCommits;
    private final HttpServletRequest request;

    UserController(Accounts accounts, AccessDirectory directory, Passwords passwords, CommandSender commands,
                   DurableCommits durableCommits, HttpServletRequest request) {
        this.durableCommits = durableCommits;
        this.accounts = accounts;
        this.directory = directory;
        this.passwords = passwords;
        this.commands = commands;
        this.request = request;
    }

    @GetMapping
    Envelope list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
        accounts.admin(request);
        int size = Paging.limit(limit);
        long offset = Paging.after(after);
        List<UserView> users = directory.users(offset, size + 1);
        return Envelope.ok(new Page<>(users.subList(0, Math.min(size, users.size())),
                users.size() > size ? String.valueOf(offset + size) : null));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@RequestBody NewUserBody body) {
        accounts.admin(request);
        String username = Usernames.checked(body.username());
        String userId = AccountIds.ofUsername(username);
        if (directory.user(userId).isPresent()) {
            throw new DomainException(ErrorCode.CONFLICT, "the username " + username + " is taken",
                    Map.of("fields", List.of("username")));
        }
        commands.create(new RegisterUserCommand(userId, username, body.displayName(), passwords.hash(body.password()),
                Boolean.TRUE.equals(body.isAdmin())));
        return Envelope.ok(Map.of("user_id", userId, "version", 0));
    }

    /** Sets a user's password (a forgotten one, say); all of that user's sessions are signed out. */
    @PutMapping("/{user}/password")
    Envelope setPassword(@PathVariable String user, @RequestBody PasswordBody body) {
        Caller admin = accounts.admin(request);
        UserView target = accounts.user(user);
        String hash = passwords.hash("new_password", body.newPassword());
        long version = commands.send(new ChangePasswordCommand(target.userId(), hash, null));
        durableCommits.now(); // lost to a crash, the new password would not sign in (and the old one would)
        log.info("{} set a new password for {}; all their sessions are signed out", admin.username(),
                target.username());
        return Envelope.ok(Map.of("status", "changed", "version", version));
    }

    /**
     * Makes an account an administrator or not, and disables it (its sessions end and its tokens are revoked at once)
     * or enables it. No one changes their own rights this way, so the caller, an administrator, always remains one:
     * the server keeps an administrator who may sign in.
     */
    @PatchMapping("/{user}")
    Envelope change(@PathVariable String user, @RequestBody AccessBody body) {
        Caller admin = accounts.admin(request);
        UserView target = accounts.user(user);
        if (target.userId().equals(admin.userId())) {
            throw DomainException.invalidState("administrators cannot change their own rights: ask another one");
        }
        long version = commands.send(new ChangeUserAccessCommand(target.userId(), body.isAdmin(), body.disabled()));
        durableCommits.now(); // a disabled account must not come back after a crash
        log.info("{} changed the rights of {}: admin {}, disabled {}", admin.username(), target.username(),
                body.isAdmin(), body.disabled());
        UserView changed = directory.user(target.userId()).orElseThrow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user_id", changed.userId());
        answer.put("username", changed.username());
        answer.put("is_admin", changed.isAdmin());
        answer.put("disabled", changed.disabled());
        answer.put("version", version);
        return Envelope.ok(answer);
    }
}
