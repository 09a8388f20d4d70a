package dev.baton.api;

import dev.baton.api.support.Api;
import dev.baton.api.support.Json;
import dev.baton.api.support.ServerProcessTest;
import dev.baton.api.support.ServerProcesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real server processes: one listening beyond loopback without accounts refuses to start and says what to do; one
 * with accounts on makes the first admin with a random password printed once, good for one sign-in that sets the
 * admin's own password and for nothing else; the next start of the same data prints no password.
 */
class AccountsStartupTest extends ServerProcessTest {

    private static final String OWN_PASSWORD = "the-admin's-own-password";
    private static final Pattern PASSWORD = Pattern.compile("created the account 'admin' with the password (\\S+) ");

    @Test
    void listeningOnEveryInterfaceWithoutAccountsIsRefusedWithWhatToDo() throws Exception {
        ServerProcesses.Refusal refusal = servers.refusedStart("--server.address=0.0.0.0");
        assertThat(refusal.exitCode()).isNotZero();
        assertThat(refusal.log()).contains("Baton refuses to listen on 0.0.0.0 without accounts")
                .contains("baton.auth.enabled=true").contains("server.address=127.0.0.1");
    }

    @Test
    void theFirstStartWithAccountsMakesAnAdminWhosePasswordIsPrintedOnce() throws Exception {
        Api server = servers.start("--server.address=0.0.0.0", "--baton.auth.enabled=true");
        // the server answers its health check a moment before the account is made
        await().atMost(Duration.ofSeconds(30)).until(() -> PASSWORD.matcher(servers.output(0)).find());
        Matcher printed = PASSWORD.matcher(servers.output(0));
        assertThat(printed.find()).isTrue();
        server.get("/api/v1/projects").expectError(401, "UNAUTHORIZED");
        Api.Response signedIn = server.post("/api/v1/auth/sessions", Json.obj("username", "admin", "password",
                printed.group(1))).expect(200);
        Api admin = server.header("Cookie", signedIn.raw().headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("baton_session=")).map(c -> c.substring(0, c.indexOf(';')))
                        .findFirst().orElseThrow())
                .header("X-CSRF-Token", signedIn.data().get("csrf_token").asText());

        // the printed password is good for setting one's own, and nothing else
        assertThat(admin.get("/api/v1/auth/me").expect(200).data().get("password_expired").asBoolean()).isTrue();
        admin.get("/api/v1/projects").expectError(403, "FORBIDDEN");
        admin.post("/api/v1/auth/tokens", Json.obj("name", "ci")).expectError(403, "FORBIDDEN");
        admin.put("/api/v1/auth/password", Json.obj("current_password", printed.group(1), "new_password",
                printed.group(1))).expectError(400, "VALIDATION_FAILED");
        admin.put("/api/v1/auth/password", Json.obj("current_password", printed.group(1), "new_password",
                OWN_PASSWORD)).expect(200);
        admin.get("/api/v1/projects").expect(200);
        server.post("/api/v1/auth/sessions", Json.obj("username", "admin", "password", printed.group(1)))
                .expectError(401, "UNAUTHORIZED");
        servers.killLast();

        Api again = servers.start("--server.address=127.0.0.1", "--baton.auth.enabled=true");
        again.post("/api/v1/auth/sessions", Json.obj("username", "admin", "password", OWN_PASSWORD)).expect(200);
        assertThat(servers.output(1)).doesNotContain("created the account");
    }
}
