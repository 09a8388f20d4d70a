package dev.baton.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An identity provider on a loopback port, for the sign-in tests: OIDC (discovery, {@code /authorize}, {@code /token}
 * answering an RS256 ID token that echoes the nonce, {@code /jwks}, {@code /userinfo}) and, with the same authorize
 * and token endpoints, a GitHub-like plain OAuth2 ({@code /user} answering {@code {id, login, name}}). The person who
 * signs in next and how the provider misbehaves are chosen by the test. The token endpoint checks the client secret
 * (HTTP Basic), the redirect URI and the PKCE verifier (S256) and refuses the code otherwise: {@link #refusals()}.
 */
public final class FakeIdentityProvider {

    public static final String CLIENT_ID = "baton-test-client";
    public static final String CLIENT_SECRET = "fake-idp-secret-" + UUID.randomUUID();

    /**
     * Someone with an account at the provider; {@code subject} is digits for the GitHub-like {@code /user}. An
     * {@code email} (or null) goes with {@code email_verified} in OIDC claims, and alone, as GitHub's public e-mail,
     * in {@code /user}.
     */
    public record Person(String subject, String username, String name, String email, boolean emailVerified) {

        public Person(String subject, String username, String name) {
            this(subject, username, name, null, false);
        }
    }

    /** How the provider answers the next sign-in. */
    public enum Answer {
        AS_IT_SHOULD,
        /** the user refuses at the provider: back to Baton with {@code error=access_denied} */
        ACCESS_DENIED,
        /** the ID token is signed with another key under the published key's id */
        FORGED_SIGNATURE,
        /** the ID token carries another nonce than the authorization request's */
        WRONG_NONCE
    }

    private record Grant(Person person, String redirectUri, String nonce, String codeChallenge, String scope,
                         Answer answer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey forger;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> accessTokens = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile Person next;
    private volatile Answer answer = Answer.AS_IT_SHOULD;

    private FakeIdentityProvider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("fake-idp-key").generate();
        forger = new RSAKeyGenerator(2048).keyID("fake-idp-key").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, 200, discovery()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", exchange -> json(exchange, 200,
                new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/userinfo", exchange -> withAccessToken(exchange, person -> withEmail(person, Map.of(
                "sub", person.subject(), "preferred_username", person.username(), "name", person.name()), true)));
        server.createContext("/user", exchange -> withAccessToken(exchange, person -> withEmail(person, Map.of(
                "id", Long.parseLong(person.subject()), "login", person.username(), "name", person.name()), false)));
        server.start();
    }

    public static FakeIdentityProvider start() {
        try {
            return new FakeIdentityProvider();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("cannot start the fake identity provider", e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next sign-in at the provider is {@code person}'s, answered as {@code how}. */
    public void nextSignIn(Person person, Answer how) {
        next = person;
        answer = how;
    }

    /** Every token the provider gave out (access and ID tokens): Baton must keep none of them. */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** Why the token endpoint refused a code (a wrong secret, redirect URI or PKCE verifier). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("authorization_endpoint", issuer() + "/authorize");
        document.put("token_endpoint", issuer() + "/token");
        document.put("jwks_uri", issuer() + "/jwks");
        document.put("userinfo_endpoint", issuer() + "/userinfo");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("scopes_supported", List.of("openid", "profile"));
        return document;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirectUri = query.get("redirect_uri");
        String state = URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            json(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        if (answer == Answer.ACCESS_DENIED) {
            redirect(exchange, redirectUri + "?error=access_denied&state=" + state);
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(next, redirectUri, query.get("nonce"), query.get("code_challenge"),
                query.getOrDefault("scope", ""), answer));
        redirect(exchange, redirectUri + "?code=" + code + "&state=" + state);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        String refusal = grant == null ? "unknown or spent code"
                : !clientAuthenticated(exchange) ? "wrong client credentials"
                : !grant.redirectUri().equals(body.get("redirect_uri")) ? "another redirect_uri"
                : body.get("code_verifier") == null || !s256(body.get("code_verifier")).equals(grant.codeChallenge())
                ? "wrong PKCE code_verifier" : null;
        if (refusal != null) {
            refusals.add(refusal);
            json(exchange, 400, Map.of("error", "invalid_grant", "error_description", refusal));
            return;
        }
        String accessToken = "fake-access-" + UUID.randomUUID();
        accessTokens.put(accessToken, grant.person());
        issued.add(accessToken);
        Map<String, Object> answer = new HashMap<>(Map.of("access_token", accessToken, "token_type", "Bearer",
                "expires_in", 300, "scope", grant.scope()));
        if (List.of(grant.scope().split(" ")).contains("openid")) {
            String idToken = idToken(grant);
            issued.add(idToken);
            answer.put("id_token", idToken);
        }
        json(exchange, 200, answer);
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(grant.person().subject())
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", grant.answer() == Answer.WRONG_NONCE ? "not-the-nonce" : grant.nonce())
                .claim("preferred_username", grant.person().username()).claim("name", grant.person().name())
                .claim("email", grant.person().email())
                .claim("email_verified", grant.person().email() == null ? null : grant.person().emailVerified())
                .build();
        RSAKey signer = grant.answer() == Answer.FORGED_SIGNATURE ? forger : key;
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean clientAuthenticated(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String[] credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
                .split(":", 2);
        return credentials.length == 2 && CLIENT_ID.equals(URLDecoder.decode(credentials[0], StandardCharsets.UTF_8))
                && CLIENT_SECRET.equals(URLDecoder.decode(credentials[1], StandardCharsets.UTF_8));
    }

    private void withAccessToken(HttpExchange exchange, Function<Person, Map<String, Object>> claims) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Person person = header == null ? null : accessTokens.get(header.replaceFirst("(?i)^Bearer ", ""));
        if (person == null) {
            json(exchange, 401, Map.of("error", "invalid_token"));
            return;
        }
        json(exchange, 200, claims.apply(person));
    }

    /** {@code claims} with the person's e-mail if any, and whether it is verified when {@code withVerified}. */
    private static Map<String, Object> withEmail(Person person, Map<String, Object> claims, boolean withVerified) {
        Map<String, Object> all = new HashMap<>(claims);
        if (person.email() != null) {
            all.put("email", person.email());
            if (withVerified) {
                all.put("email_verified", person.emailVerified());
            }
        }
        return all;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", URI.create(location).toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void json(HttpExchange exchange, int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
