package dev.baton.core.common;

import java.util.List;
import java.util.Map;

/**
 * A refusal by the domain: carries the contract's error code and details so that the API can
 * answer with a precise envelope. Command handlers throw it before applying anything.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public DomainException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static DomainException invalidField(String field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", List.of(field)));
    }

    public static DomainException notFound(String what, String id) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorCode.FORBIDDEN, message);
    }

    public static DomainException invalidState(String message) {
        return new DomainException(ErrorCode.INVALID_STATE, message);
    }
}
