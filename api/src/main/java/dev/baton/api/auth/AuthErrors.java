package dev.baton.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.web.Envelope;
import dev.baton.core.common.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** Refusals of the security filters, in the error envelope like every other error. */
class AuthErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String SIGN_IN = "credentials are missing or invalid: sign in (POST /api/v1/auth/sessions) or send"
            + " an API token (Authorization: Bearer ...)";
    private final ObjectMapper json;

    AuthErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, ErrorCode.UNAUTHORIZED, SIGN_IN);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, ErrorCode.FORBIDDEN, "only an administrator may do this");
    }

    void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (code == ErrorCode.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"baton\"");
        }
        json.writeValue(response.getOutputStream(), Envelope.error(code.name(), message, null));
    }
}
