package dev.baton.api.web;

import dev.baton.core.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * What the servlet container forwards an error to ({@code /error}): a request refused before any controller ran, such
 * as a path with {@code ..} that Spring Security's firewall rejects. It answers the error envelope, like every other
 * error, in place of Spring Boot's own JSON.
 */
@RestController
class ErrorPage implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Envelope> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        ErrorCode error = codeOf(status.value());
        String message = status.is4xxClientError() ? "the request was refused: " + status.getReasonPhrase()
                : "internal error: the failure was logged";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.error(error.name(), message, Map.of()));
    }

    /** The contract's code for an HTTP status the container set without saying why. */
    static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
        };
    }
}
