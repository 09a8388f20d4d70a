package dev.baton.core.common;

/** The error codes of the API contract; each maps to one HTTP status. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    INVALID_STATE(409),
    CONFLICT(409),
    CYCLE_DETECTED(422),
    RATE_LIMITED(429),
    UPSTREAM_ERROR(502),
    TIMEOUT(504),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
