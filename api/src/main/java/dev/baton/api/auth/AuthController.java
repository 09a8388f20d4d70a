package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.RequestContext;
import dev.baton.core.account.ChangePasswordCommand;
import dev.baton.core.account.CreateApiTokenCommand;
import dev.baton.core.account.RevokeApiTokenCommand;
import dev.baton.core.account.SignOutCommand;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import dev.baton.query.support.Page;
import dev.baton.query.access.UserView;
import dev.baton.runner.store.DurableCommits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Signing in and out, who am I, and personal API tokens. A sign-in and each token are events on the user's
 * account; the secrets (cookie, token) are shown once and stored only as hashes.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    record SignInBody(String username, String password) {
    }

    record TokenBody(String name, Instant expiresAt) {
    }

    record PasswordBody(String currentPassword, String newPassword) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);
    /** Sign-ins of one username from one address: ten at once, then one every six seconds; a success resets them. */
    private final RateLimiter signIns = new RateLimiter(1 / 6.0, 10, System::nanoTime);
    /** Guesses of the current password, per account, limited like sign-ins. */
    private final RateLimiter passwordGuesses = new RateLimiter(1 / 6.0, 10, System::nanoTime);
    private final Accounts accounts;
    private final AccessDirectory directory;
    private final Passwords passwords;
    private final CommandSender commands;
    private final Sessions sessions;
    private final AuthSettings settings;
    private final DurableCommits durableCommits;
    private final HttpServletRequest request;

    AuthController(Accounts accounts, AccessDirectory directory, Passwords passwords, CommandSender commands,
                   Sessions sessions, AuthSettings settings, DurableCommits durableCommits,
                   HttpServletRequest request) {
        this.durableCommits = durableCommits;
        this.accounts = accounts;
        this.directory = directory;
        this.passwords = passwords;
        this.commands = commands;
        this.sessions = sessions;
        this.settings = settings;
        this.request = request;
    }

    @PostMapping("/sessions")
    Envelope signIn(@RequestBody SignInBody body, HttpServletResponse response) {
        accounts.requireOn();
        if (body.username() == null || body.password() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "username and password are required",
                    Map.of("fields", List.of(body.username() == null ? "username" : "password")));
        }
        String username = body.username().strip().toLowerCase(Locale.ROOT);
        String attempts = request.getRemoteAddr() + "|" + username;
        signIns.require(attempts, "sign-ins for this user from here");
        String[] found = directory.password(username).orElse(null);
        boolean valid = passwords.matches(body.password(), found == null ? null : found[1]) && found != null;
        if (!valid) {
            // not the username: people type their password into it by mistake
            log.warn("sign-in refused: wrong username or password, from {}", request.getRemoteAddr());
            throw new DomainException(ErrorCode.UNAUTHORIZED, "wrong username or password");
        }
        signIns.forget(attempts);
        Sessions.Opened session = sessions.open(found[0], username, "password", request, response);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user_id", found[0]);
        answer.put("username", username);
        answer.put("csrf_token", session.csrfToken());
        answer.put("expires_at", session.expiresAt());
        return Envelope.ok(answer);
    }

    @DeleteMapping("/sessions/current")
    Envelope signOut(HttpServletResponse response) {
        Caller caller = accounts.caller(request);
        if (!Caller.SESSION.equals(caller.kind())) {
            throw DomainException.invalidState("this request is signed in with an API token, not a session: revoke"
                    + " the token instead (DELETE /api/v1/auth/tokens/{token_id})");
        }
        long version = commands.send(new SignOutCommand(caller.userId(), caller.credentialId()));
        sessions.forget(request, response);
        return Envelope.ok(Map.of("status", "signed_out", "version", version));
    }

    /** The caller; with accounts off, the one person using this loopback server. */
    @GetMapping("/me")
    Envelope me() {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!settings.enabled()) {
            answer.put("user_id", null);
            answer.put("username", RequestContext.of(request).user());
            answer.put("display_name", RequestContext.of(request).user());
            answer.put("is_admin", true);
            answer.put("teams", List.of());
            answer.put("auth_enabled", false);
            return Envelope.ok(answer);
        }
        Caller caller = CurrentCaller.require(request);
        UserView user = directory.user(caller.userId()).orElseThrow();
        answer.put("user_id", user.userId());
        answer.put("username", user.username());
        answer.put("display_name", user.displayName());
        answer.put("is_admin", user.isAdmin());
        answer.put("teams", directory.teams(user.userId()));
        answer.put("auth_enabled", true);
        answer.put("signed_in_with", caller.kind());
        answer.put("password_expired", caller.passwordExpired());
        CredentialFilter.sessionSecret(request).ifPresent(secret -> answer.put("csrf_token", Secrets.csrfToken(secret)));
        return Envelope.ok(answer);
    }

    /**
     * Changes the caller's own password, given the current one; their other sessions are signed out (this one and
     * their API tokens stay).
     */
    @PutMapping("/password")
    Envelope changePassword(@RequestBody PasswordBody body) {
        Caller caller = accounts.caller(request);
        passwordGuesses.require(caller.userId(), "tries of the current password");
        String currentHash = directory.password(caller.username()).map(found -> found[1]).orElse(null);
        if (currentHash == null) {
            throw DomainException.invalidState("this account signs in with an identity provider and has no password:"
                    + " an administrator can set one");
        }
        if (!passwords.matches(body.currentPassword(), currentHash)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "the current password is wrong",
                    Map.of("fields", List.of("current_password")));
        }
        passwordGuesses.forget(caller.userId());
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

    @GetMapping("/tokens")
    Envelope tokens() {
        Caller caller = accounts.caller(request);
        return Envelope.ok(new Page<>(directory.tokens(caller.userId()), null));
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope createToken(@RequestBody TokenBody body) {
        Caller caller = accounts.caller(request);
        if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
            throw DomainException.invalidField("expires_at", "expires_at must be in the future");
        }
        String name = Checks.required("name", body.name(), Checks.MAX_NAME);
        String token = Secrets.TOKEN_PREFIX + Secrets.random();
        String tokenId = UUID.randomUUID().toString();
        long version = commands.send(new CreateApiTokenCommand(caller.userId(), tokenId, name,
                Secrets.sha256(token), body.expiresAt()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_id", tokenId);
        answer.put("token", token);
        answer.put("name", name);
        answer.put("expires_at", body.expiresAt());
        answer.put("version", version);
        return Envelope.ok(answer);
    }

    @DeleteMapping("/tokens/{tokenId}")
    Envelope revokeToken(@PathVariable String tokenId) {
        Caller caller = accounts.caller(request);
        if (!directory.ownsToken(caller.userId(), tokenId)) {
            throw DomainException.notFound("token", tokenId); // another user's token does not exist for the caller
        }
        long version = commands.send(new RevokeApiTokenCommand(caller.userId(), tokenId));
        durableCommits.now(); // a revoked token must not come back after a crash
        return Envelope.ok(Map.of("status", "revoked", "version", version));
    }
}
