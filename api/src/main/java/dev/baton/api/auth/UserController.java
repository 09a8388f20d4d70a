package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.core.account.AccountIds;
import dev.baton.core.account.RegisterUserCommand;
import dev.baton.core.account.Usernames;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.UserView;
import dev.baton.query.support.Page;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Accounts, managed by administrators: list them, create one (its password hashed with Argon2id at once). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    record NewUserBody(String username, String password, String displayName, Boolean isAdmin) {
    }

    private final Accounts accounts;
    private final AccessDirectory directory;
    private final Passwords passwords;
    private final CommandSender commands;
    private final HttpServletRequest request;

    UserController(Accounts accounts, AccessDirectory directory, Passwords passwords, CommandSender commands,
                   HttpServletRequest request) {
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
}
