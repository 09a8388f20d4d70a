package dev.baton.api.auth;

import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.AccessDirectory;
import dev.baton.query.access.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Signs a request in from its credentials: a personal API token ({@code Authorization: Bearer}) or the session
 * cookie. A token that is unknown, expired or revoked is refused at once; a request signed in by the cookie must
 * carry the session's CSRF token in {@code X-CSRF-Token} unless it only reads.
 */
class CredentialFilter extends OncePerRequestFilter {

    static final String COOKIE = "baton_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_SECRET = CredentialFilter.class.getName() + ".session";
    /** A credential's last use is written at most this often. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private final AccessDirectory directory;
    private final AuthErrors errors;

    CredentialFilter(AccessDirectory directory, AuthErrors errors) {
        this.directory = directory;
        this.errors = errors;
    }

    /** The secret of the session cookie that signed this request in, if one did. */
    static Optional<String> sessionSecret(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(SESSION_SECRET));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null) {
            Optional<Caller> caller = bearer(header).flatMap(token -> find(token, Caller.TOKEN));
            if (caller.isEmpty()) {
                errors.write(response, ErrorCode.UNAUTHORIZED, "the API token is unknown, expired or revoked");
                return;
            }
            signIn(request, caller.get());
        } else {
            Optional<String> session = cookie(request);
            Optional<Caller> caller = session.flatMap(secret -> find(secret, Caller.SESSION));
            if (caller.isPresent()) {
                if (!CurrentCaller.onlyReads(request)
                        && !Secrets.same(request.getHeader(CSRF_HEADER), Secrets.csrfToken(session.get()))) {
                    errors.write(response, ErrorCode.FORBIDDEN, "a request signed in by the session cookie needs the"
                            + " header " + CSRF_HEADER + " with the csrf_token of the sign-in (or of GET /auth/me)");
                    return;
                }
                request.setAttribute(SESSION_SECRET, session.get());
                signIn(request, caller.get());
            }
        }
        if (CurrentCaller.of(request).map(Caller::passwordExpired).orElse(false) && !settingPassword(request)) {
            errors.write(response, ErrorCode.FORBIDDEN, "this password was good for one sign-in: set your own first"
                    + " (PUT /api/v1/auth/password, or the page the web UI shows)");
            return;
        }
        chain.doFilter(request, response);
    }

    /** What a user whose password has expired may do: see who they are, set a new password, or sign out. */
    private static boolean settingPassword(HttpServletRequest request) {
        String path = request.getRequestURI();
        return (CurrentCaller.onlyReads(request) && path.equals("/api/v1/auth/me"))
                || ("PUT".equals(request.getMethod()) && path.equals("/api/v1/auth/password"))
                || ("DELETE".equals(request.getMethod()) && path.equals("/api/v1/auth/sessions/current"));
    }

    private Optional<Caller> find(String secret, String kind) {
        Instant now = Instant.now();
        Optional<Caller> caller = directory.caller(Secrets.sha256(secret), now).filter(c -> c.kind().equals(kind));
        caller.filter(c -> c.lastUsedAt() == null || c.lastUsedAt().isBefore(now.minus(TOUCH_EVERY)))
                .ifPresent(c -> directory.touch(c.credentialId(), now));
        return caller;
    }

    private static void signIn(HttpServletRequest request, Caller caller) {
        CurrentCaller.set(request, caller);
        List<SimpleGrantedAuthority> roles = caller.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        SecurityContextHolder.getContext().setAuthentication(
                new PreAuthenticatedAuthenticationToken(caller.username(), null, roles));
    }

    private static Optional<String> bearer(String header) {
        return header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7
                ? Optional.of(header.substring(7).strip()) : Optional.empty();
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(c -> COOKIE.equals(c.getName()) && !c.getValue().isEmpty()).map(Cookie::getValue).findFirst();
    }
}
