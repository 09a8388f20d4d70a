package dev.baton.api.auth;

import dev.baton.api.web.CommandSender;
import dev.baton.core.account.RecordSignInCommand;
import dev.baton.core.common.DomainException;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Browser sessions: opening one for a user who proved who they are (with a password or an identity provider) and
 * the session cookie. The cookie's secret is only ever in the browser; the sign-in event carries its SHA-256.
 */
@Component
class Sessions {

    /** A session just opened: the CSRF token its writes must carry, and when it ends. */
    record Opened(String csrfToken, Instant expiresAt) {
    }

    private final CommandSender commands;
    private final AuthSettings settings;
    private final AccessDirectory directory;

    Sessions(CommandSender commands, AuthSettings settings, AccessDirectory directory) {
        this.commands = commands;
        this.settings = settings;
        this.directory = directory;
    }

    /** Records the sign-in of {@code username} ({@code method}: how they proved it) and sets the session cookie. */
    Opened open(String userId, String username, String method, HttpServletRequest request,
                HttpServletResponse response) {
        if (directory.user(userId).map(UserView::disabled).orElse(false)) {
            throw DomainException.forbidden("the account " + username + " is disabled: ask an administrator");
        }
        String secret = Secrets.random();
        Instant expiresAt = Instant.now().plus(settings.sessionLifetime());
        commands.sendAs(username, new RecordSignInCommand(userId, UUID.randomUUID().toString(), Secrets.sha256(secret),
                expiresAt, method));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, secret, settings.sessionLifetime()).toString());
        return new Opened(Secrets.csrfToken(secret), expiresAt);
    }

    /** Tells the browser to forget the session cookie. */
    void forget(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    /** The session cookie: script-proof, sent to this site only, over HTTPS only when the request came over it. */
    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(CredentialFilter.COOKIE, value).httpOnly(true).sameSite("Strict").path("/")
                .secure(request.isSecure()).maxAge(maxAge).build();
    }
}
