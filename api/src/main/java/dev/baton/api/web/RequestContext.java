package dev.baton.api.web;

import dev.baton.api.auth.CurrentCaller;
import dev.baton.query.access.Caller;
import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who is acting and which request this is. With accounts on, the acting user is the signed-in caller's username;
 * with accounts off (a loopback server of one person), the one named by the {@code X-Baton-User} header, or the
 * operating-system user that runs the server.
 */
public record RequestContext(String user, String requestId, String reason, String source) {

    public static final String USER_HEADER = "X-Baton-User";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String REASON_HEADER = "X-Baton-Reason";
    private static final Pattern TOKEN = Pattern.compile("[\\w.@:-]{1,100}");
    private static final String LOCAL_USER = System.getProperty("user.name", "local");

    public static RequestContext of(HttpServletRequest request) {
        Object cached = request.getAttribute(RequestContext.class.getName());
        if (cached instanceof RequestContext context) {
            return context;
        }
        String user = CurrentCaller.of(request).map(Caller::username).orElseGet(() -> request.getHeader(USER_HEADER));
        String id = request.getHeader(REQUEST_ID_HEADER);
        String reason = request.getHeader(REASON_HEADER);
        RequestContext context = new RequestContext(
                user != null && TOKEN.matcher(user).matches() ? user : LOCAL_USER,
                id != null && TOKEN.matcher(id).matches() ? id : UUID.randomUUID().toString(),
                reason == null || reason.isBlank() ? null : reason.strip().substring(0, Math.min(500, reason.strip().length())),
                request.getMethod() + " " + request.getRequestURI());
        request.setAttribute(RequestContext.class.getName(), context);
        return context;
    }
}
