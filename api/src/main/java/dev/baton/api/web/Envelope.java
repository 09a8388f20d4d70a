package dev.baton.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** The shape of every JSON answer: {@code {ok: true, data}} or {@code {ok: false, error: {code, message, details?}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(boolean ok, Object data, ErrorBody error) {

    public static Envelope ok(Object data) {
        return new Envelope(true, data, null);
    }

    public static Envelope error(String code, String message, Map<String, Object> details) {
        return new Envelope(false, null, new ErrorBody(code, message, details == null || details.isEmpty() ? null : details));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(String code, String message, Map<String, Object> details) {
    }
}
