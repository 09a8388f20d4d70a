package dev.baton.api.auth;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.query.access.Caller;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.Set;

/** Who the current request is signed in as: set by {@link CredentialFilter} when accounts are on. */
public final class CurrentCaller {

    private static final String ATTRIBUTE = Caller.class.getName();
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private CurrentCaller() {
    }

    public static Optional<Caller> of(HttpServletRequest request) {
        return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }

    /** The caller, or {@code UNAUTHORIZED} (an endpoint that needs an account, reached without one). */
    public static Caller require(HttpServletRequest request) {
        return of(request).orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED,
                "sign in first (POST /api/v1/auth/sessions) or send an API token"));
    }

    /** Whether the request only reads (GET, HEAD, OPTIONS): anything else is a change. */
    static boolean onlyReads(HttpServletRequest request) {
        return READS.contains(request.getMethod());
    }

    static void set(HttpServletRequest request, Caller caller) {
        request.setAttribute(ATTRIBUTE, caller);
    }
}
