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
 * with accounts on makes the first admin with a random password printed once, which signs in; the next start of
 * the same data prints no password.
 */
class AccountsStartupTest extends ServerProcessTest {

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
        server.post("/api/v1/auth/sessions", Json.obj("username", "admin", "password", printed.group(1))).expect(200);
        servers.killLast();

        Api again = servers.start("--server.address=127.0.0.1", "--baton.auth.enabled=true");
        again.post("/api/v1/auth/sessions", Json.obj("username", "admin", "password", printed.group(1))).expect(200);
        assertThat(servers.output(1)).doesNotContain("created the account");
    }
}
