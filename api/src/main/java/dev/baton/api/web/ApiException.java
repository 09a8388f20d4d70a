package dev.baton.api.web;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;

import java.util.List;
import java.util.Map;

/** Refusals raised by the web layer itself (bad parameters, unknown ids, timeouts). */
public final class ApiException {

    private ApiException() {
    }

    public static DomainException notFound(String what, String id) {
        return DomainException.notFound(what, id);
    }

    public static DomainException badParameter(String name, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", List.of(name)));
    }

    public static DomainException timeout(String message) {
        return new DomainException(ErrorCode.TIMEOUT, message);
    }
}
