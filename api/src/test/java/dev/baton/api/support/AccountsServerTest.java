package dev.baton.api.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real server with accounts on, and what its tests share: {@link #api} is signed in as {@code admin} with an API
 * token; {@link #anonymous()} has no credentials. Each subclass names its server with its own
 * {@code @DynamicPropertySource} calling {@link #accountsProperties}, with a data folder and a database of its own
 * (H2 in that folder, or a database of its own in the PostgreSQL test cluster), so that it is not a second node of
 * another test server.
 */
public abstract class AccountsServerTest extends ServerTest {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** One admin token per server (port), made by the first test that needs it. */
    private static final Map<Integer, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

    /** A server with accounts on, its data in {@code dataDir} or the PostgreSQL database {@code database}. */
    protected static void accountsProperties(DynamicPropertyRegistry registry, Path dataDir, String database) {
        serverProperties(registry, dataDir, onPostgres() ? postgresDatabase(database) : "");
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
    private static String postgresDatabase(String database) {
        String url = System.getProperty("baton.test.postgres.url");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + database, e);
        }
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }
}
