package dev.baton.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.secret.MasterKey;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a sign-in's OAuth2 authorization request (its state, nonce and PKCE code verifier) between the redirect to
 * the identity provider and the provider's callback, in a cookie instead of Spring's HTTP session: Baton has no server
 * sessions (nodes share only the database, an HTTP session would live in one node's memory), and the cookie needs no
 * storage. It is sealed with AES-256-GCM under a key derived from the master key (the same on every node), so the
 * browser can neither read nor change it; it is sent to the callback path only, lives ten minutes, and is spent by
 * the callback. As with Spring's session repository, a callback whose {@code state} is not the stored one finds no
 * request.
 */
@Component
class AuthorizationRequestCookie implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "baton_oauth2_request";
    /** Spring's callback path ({@code /login/oauth2/code/{registrationId}}): the only one the cookie is sent to. */
    private static final String PATH = "/login/oauth2/code/";
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String PURPOSE = "baton-oauth2-authorization-request";
    private static final int IV_BYTES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is kept of the request; {@code expiresAt} in seconds since the epoch. */
    private record Stored(String authorizationUri, String clientId, String redirectUri, Set<String> scopes,
                          String state, Map<String, Object> additionalParameters, Map<String, Object> attributes,
                          String authorizationRequestUri, long expiresAt) {
    }

    private final SecretKey key;

    AuthorizationRequestCookie(MasterKey masterKey) {
        this.key = masterKey.derive(PURPOSE);
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        Stored stored = cookie(request).map(this::open).orElse(null);
        if (state == null || stored == null || stored.expiresAt() < Instant.now().getEpochSecond()
                || !Secrets.same(state, stored.state())) {
            return null;
        }
        return OAuth2AuthorizationRequest.authorizationCode().authorizationUri(stored.authorizationUri())
                .clientId(stored.clientId()).redirectUri(stored.redirectUri()).scopes(stored.scopes())
                .state(stored.state()).additionalParameters(stored.additionalParameters())
                .attributes(stored.attributes()).authorizationRequestUri(stored.authorizationRequestUri()).build();
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            set(request, response, "", Duration.ZERO);
            return;
        }
        Stored stored = new Stored(authorizationRequest.getAuthorizationUri(), authorizationRequest.getClientId(),
                authorizationRequest.getRedirectUri(), authorizationRequest.getScopes(),
                authorizationRequest.getState(), authorizationRequest.getAdditionalParameters(),
                authorizationRequest.getAttributes(), authorizationRequest.getAuthorizationRequestUri(),
                Instant.now().plus(LIFETIME).getEpochSecond());
        set(request, response, seal(stored), LIFETIME);
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
                                                                 HttpServletResponse response) {
        OAuth2AuthorizationRequest found = loadAuthorizationRequest(request);
        if (cookie(request).isPresent()) {
            set(request, response, "", Duration.ZERO);
        }
        return found;
    }

    private String seal(Stored stored) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv);
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(stored));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal the authorization request", e);
        }
    }

    /** The stored request; null when the cookie was not sealed by Baton (or was changed). */
    private Stored open(String value) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(value);
            if (bytes.length <= IV_BYTES) {
                return null;
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, IV_BYTES));
            return JSON.readValue(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), Stored.class);
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            return null;
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(PURPOSE.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(c -> COOKIE.equals(c.getName()) && !c.getValue().isEmpty()).map(Cookie::getValue).findFirst();
    }

    /**
     * The cookie goes with the provider's redirect back to Baton, a top-level navigation from another site: hence
     * SameSite=Lax (a Strict cookie would not be sent).
     */
    private static void set(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Lax")
                .path(request.getContextPath() + PATH).secure(request.isSecure()).maxAge(maxAge).build().toString());
    }
}
