package dev.baton.core.moxxy;

import dev.baton.core.common.DomainException;

import java.net.URI;
import java.util.List;

/**
 * Where a moxxy instance answers and how Baton authenticates to it: {@code tokenKind} {@code internal} (the token goes
 * in {@code X-Moxxy-Internal-Token}), {@code bearer} ({@code Authorization: Bearer}), or null for a loopback instance
 * without tokens.
 */
public record MoxxyEndpoint(String baseUrl, String tokenKind) {

    public static final String INTERNAL = "internal";
    public static final String BEARER = "bearer";

    /** Checks what a person sent: an http(s) base URL without query or fragment; a token kind when there is a token. */
    public static MoxxyEndpoint checked(String baseUrl, String tokenKind, boolean hasToken) {
        if (baseUrl == null || baseUrl.isBlank() || baseUrl.length() > 500) {
            throw DomainException.invalidField("base_url", "base_url is required (at most 500 characters)");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("base_url", "base_url is not a URL");
        }
        if (!List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw DomainException.invalidField("base_url", "base_url must be an http:// or https:// URL of the"
                    + " instance, without credentials, query or fragment (e.g. http://127.0.0.1:17890)");
        }
        if (hasToken && !List.of(INTERNAL, BEARER).contains(tokenKind)) {
            throw DomainException.invalidField("token_kind", "token_kind must be internal or bearer");
        }
        if (!hasToken && tokenKind != null) {
            throw DomainException.invalidField("token", "token_kind " + tokenKind + " needs a token");
        }
        String url = uri.toString();
        return new MoxxyEndpoint(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, tokenKind);
    }
}
