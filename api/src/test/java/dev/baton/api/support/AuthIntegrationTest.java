package dev.baton.api.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real server with accounts on: a second server in the test JVM, with a data folder and a database of its own (H2
 * in that folder, or a second database of the PostgreSQL test cluster), so that it is not a second node of the other
 * server.
 * {@link #api} is signed in as {@code admin} with an API token; {@link #anonymous()} has no credentials.
 */
public abstract class AuthIntegrationTest extends ServerTest {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final Path DATA_DIR = createDataDir("baton-auth-test-");
    /** One admin token per server (port), made by the first test that needs it. */
    private static final Map<Integer, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        serverProperties(registry, DATA_DIR, onPostgres() ? postgresDatabase() : "");
        registry.add("baton.auth.enabled", () -> "true");
        registry.add("baton.auth.admin-password", () -> ADMIN_PASSWORD);
    }

    @BeforeEach
    void signInAsAdmin() {
        api = withToken(ADMIN_TOKENS.computeIfAbsent(port, p -> token(signIn("admin", ADMIN_PASSWORD), "tests")));
    }

    protected Api anonymous() {
        return new Api("http://127.0.0.1:" + port);
    }

    protected Api withToken(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** A browser-like session: the cookie of the sign-in, and its CSRF token on every request. */
    protected Api signIn(String username, String password) {
        Api.Response answer = anonymous().post("/api/v1/auth/sessions", Json.obj("username", username, "password",
                password)).expect(200);
        return anonymous().header("Cookie", sessionCookie(answer))
                .header("X-CSRF-Token", answer.data().get("csrf_token").asText());
    }

    /** The {@code name=value} of the session cookie a sign-in set. */
    protected static String sessionCookie(Api.Response signIn) {
        List<String> cookies = signIn.raw().headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("baton_session=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }

    /** A new personal API token of whoever {@code as} is signed in as. */
    protected static String token(Api as, String name) {
        return as.post("/api/v1/auth/tokens", Json.obj("name", name)).expect(201).data().get("token").asText();
    }

    /** A new account (made by admin); answers its id. */
    protected String createUser(String username, String password) {
        return api.post("/api/v1/users", Json.obj("username", username, "password", password)).expect(201).data()
                .get("user_id").asText();
    }

    /**
     * A database of its own in the test cluster: two servers on one database are two nodes, and some tests (a
     * projection replay) need to be the only node.
     */
    private static String postgresDatabase() {
        String url = System.getProperty("baton.test.postgres.url");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("select 1 from pg_database where datname = 'baton_accounts'").next()) {
                statement.execute("create database baton_accounts");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the accounts tests' database", e);
        }
        return url.replaceFirst("/[^/?]+(\\?|$)", "/baton_accounts$1");
    }
}
