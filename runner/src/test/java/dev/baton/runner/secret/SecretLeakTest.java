package dev.baton.runner.secret;

import dev.baton.core.common.SealedSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The plaintext and the master key appear in no table and no log line, whatever happens to the secret. */
class SecretLeakTest {

    private static final String PLAINTEXT = "sk-live-PLAINTEXT-7c1f0e93a4b2d8";
    private static final System.Logger LOG = System.getLogger(SecretLeakTest.class.getName());

    @TempDir
    Path dataDir;

    @Test
    void thePlaintextIsNowhereButInTheAnswerOfOpen() throws Exception {
        JdbcTemplate jdbc = SecretDatabase.create();
        PlaintextScanner scanner = new PlaintextScanner(jdbc);
        String logs;
        try (LogCapture capture = new LogCapture()) {
            SecretVault vault = new SecretVault(jdbc, new MasterKey(dataDir, ""));
            SealedSecret sealed = vault.seal(PLAINTEXT);
            // What an event carries: logged as a whole, as a careless caller would.
            LOG.log(System.Logger.Level.INFO, "stored {0}", sealed);
            assertThat(vault.open(sealed)).isEqualTo(PLAINTEXT);
            assertThat(scanner.findInTables(PLAINTEXT)).isEmpty();

            vault.destroy(sealed.keyId());
            Throwable refused = catchThrowable(() -> vault.open(sealed));
            // Below the console's level, so that the test's output stays quiet; captured all the same.
            LOG.log(System.Logger.Level.DEBUG, "cannot open the secret", refused);
            logs = capture.text();
        }

        String masterKey = Files.readString(MasterKey.file(dataDir), StandardCharsets.US_ASCII);
        assertThat(logs).contains("created the master key file", "destroyed secret key", "was destroyed");
        assertThat(PlaintextScanner.contains(logs, PLAINTEXT)).isFalse();
        assertThat(logs).doesNotContain(masterKey);
        assertThat(scanner.findInTables(PLAINTEXT)).isEmpty();
        assertThat(scanner.findInTables(masterKey)).isEmpty();
    }

    @Test
    void theScannerFindsThePlaintextInEachOfItsForms() {
        JdbcTemplate jdbc = SecretDatabase.create();
        jdbc.execute("create table leaky (payload varbinary(1000), note character varying(1000))");
        byte[] json = ("{\"token\":\"" + PLAINTEXT + "\"}").getBytes(StandardCharsets.UTF_8);
        jdbc.update("insert into leaky values (?, ?)", json, "ok");
        jdbc.update("insert into leaky values (?, ?)", null, "x" + Base64.getEncoder().encodeToString(json));
        PlaintextScanner scanner = new PlaintextScanner(jdbc);

        assertThat(scanner.findInTables(PLAINTEXT)).containsExactlyInAnyOrder("LEAKY.PAYLOAD", "LEAKY.NOTE");
        for (String prefix : new String[]{"", "a", "ab"}) {
            String embedded = Base64.getUrlEncoder().encodeToString((prefix + PLAINTEXT + "!?").getBytes(StandardCharsets.UTF_8));
            assertThat(PlaintextScanner.contains("log: " + embedded, PLAINTEXT)).as(prefix).isTrue();
        }
        assertThat(PlaintextScanner.contains("log: " + PLAINTEXT.substring(1), PLAINTEXT)).isFalse();
        assertThatThrownBy(() -> PlaintextScanner.contains("", "short")).isInstanceOf(IllegalArgumentException.class);
    }
}
