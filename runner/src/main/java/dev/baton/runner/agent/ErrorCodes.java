package dev.baton.runner.agent;

import dev.baton.runner.agent.AgentEvent.ErrorCode;

import java.util.Locale;

/** Guesses an error's {@link ErrorCode} from the HTTP status and the wording the CLIs use (reference §1–§4). */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    /** Null when nothing points to a known cause. */
    public static ErrorCode classify(String message, Integer httpStatus) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (isStatus(httpStatus, 401, 403) || text.contains("401 unauthorized") || text.contains("authenticat")
                || text.contains("api key")) {
            return ErrorCode.AUTH;
        }
        if (isStatus(httpStatus, 429) || text.contains("rate limit") || text.contains("rate_limit")) {
            return ErrorCode.RATE_LIMIT;
        }
        if (text.contains("context window") || text.contains("context_length")) {
            return ErrorCode.CONTEXT;
        }
        if (httpStatus != null && httpStatus >= 400 || text.contains("api error") || text.contains("unexpected status")) {
            return ErrorCode.API;
        }
        return null;
    }

    private static boolean isStatus(Integer status, int... candidates) {
        if (status == null) {
            return false;
        }
        for (int candidate : candidates) {
            if (status == candidate) {
                return true;
            }
        }
        return false;
    }
}
