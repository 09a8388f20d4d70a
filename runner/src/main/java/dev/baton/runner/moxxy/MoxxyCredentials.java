package dev.baton.runner.moxxy;

import java.net.http.HttpRequest;

/**
 * How Baton authenticates to one moxxy instance. moxxy lets a request through when its
 * {@code X-Moxxy-Internal-Token} header matches the instance's internal token, else when it carries
 * {@code Authorization: Bearer} with one of its API tokens; a loopback instance with no API tokens asks for
 * nothing. The token is held in memory only, and {@link #toString()} never shows it.
 */
public record MoxxyCredentials(TokenKind kind, String token) {

    public enum TokenKind {
        /** No token: a loopback moxxy without API tokens. */
        NONE,
        /** moxxy's internal token, sent as {@code X-Moxxy-Internal-Token}. */
        INTERNAL,
        /** An API token of moxxy, sent as {@code Authorization: Bearer}. */
        BEARER
    }

    public MoxxyCredentials {
        if (kind == null) {
            throw new IllegalArgumentException("a token kind is required");
        }
        if (kind == TokenKind.NONE ? token != null : token == null || token.isBlank()) {
            throw new IllegalArgumentException(kind == TokenKind.NONE ? "kind NONE takes no token"
                    : "a token is required for kind " + kind);
        }
        if (token != null && token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // It goes into a header: a line break there would split the request.
            throw new IllegalArgumentException("the token has a control character");
        }
    }

    public static MoxxyCredentials none() {
        return new MoxxyCredentials(TokenKind.NONE, null);
    }

    public static MoxxyCredentials internal(String token) {
        return new MoxxyCredentials(TokenKind.INTERNAL, token);
    }

    public static MoxxyCredentials bearer(String token) {
        return new MoxxyCredentials(TokenKind.BEARER, token);
    }

    /** Adds the header that carries the token, if any. */
    void authenticate(HttpRequest.Builder request) {
        switch (kind) {
            case INTERNAL -> request.header("X-Moxxy-Internal-Token", token);
            case BEARER -> request.header("Authorization", "Bearer " + token);
            case NONE -> {
            }
        }
    }

    /** {@code text} with every occurrence of the token replaced by {@code ***}. */
    String redact(String text) {
        return token == null || text == null ? text : text.replace(token, "***");
    }

    @Override
    public String toString() {
        return "MoxxyCredentials[kind=" + kind + (token == null ? "" : ", token=***") + "]";
    }
}
