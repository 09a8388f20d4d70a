package dev.baton.runner.secret;

import dev.baton.core.common.SealedSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {

    @TempDir
    Path dataDir;

    private final JdbcTemplate jdbc = SecretDatabase.create();

    @Test
    void takesTheEnvironmentVariableAndWritesNoFile() {
        String key = randomKey();
        SealedSecret sealed = new SecretVault(jdbc, new MasterKey(dataDir, key)).seal("sk-live-from-environment");

        assertThat(new SecretVault(jdbc, new MasterKey(dataDir, key + "\n")).open(sealed))
                .isEqualTo("sk-live-from-environment");
        assertThat(MasterKey.file(dataDir)).doesNotExist();
    }

    @Test
    void derivesTheSameKeyForOnePurposeFromOneMasterKeyAndAnotherForAnotherPurposeOrKey() {
        String key = randomKey();
        byte[] derived = new MasterKey(dataDir, key).derive("cookies").getEncoded();

        assertThat(derived).hasSize(32).isEqualTo(new MasterKey(dataDir, key).derive("cookies").getEncoded())
                .isNotEqualTo(new MasterKey(dataDir, key).derive("other").getEncoded())
                .isNotEqualTo(new MasterKey(dataDir, randomKey()).derive("cookies").getEncoded())
                .isNotEqualTo(Base64.getDecoder().decode(key));
    }

    @Test
    void refusesAnEnvironmentVariableThatIsNotThirtyTwoBytesWithoutRepeatingIt() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        for (String invalid : new String[]{"not-base64-at-all!", tooShort}) {
            assertThatThrownBy(() -> new MasterKey(dataDir, invalid))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the environment variable BATON_MASTER_KEY must be the base64 of 32 random bytes"
                            + " (e.g. `openssl rand -base64 32`)")
                    .hasNoCause();
        }
    }

    @Test
    void createsAnOwnerOnlyKeyFileOnFirstStartAndKeepsUsingIt() throws Exception {
        SealedSecret sealed = new SecretVault(jdbc, new MasterKey(dataDir, "")).seal("sk-live-from-file");
        Path file = MasterKey.file(dataDir);
        String stored = Files.readString(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(stored)).hasSize(32);

        assertThat(new SecretVault(jdbc, new MasterKey(dataDir, "")).open(sealed)).isEqualTo("sk-live-from-file");
        assertThat(Files.readString(file)).isEqualTo(stored);
        // The file's text works as the environment variable too (how a key file moves into a secret store).
        assertThat(new SecretVault(jdbc, new MasterKey(Path.of("/nonexistent"), stored)).open(sealed))
                .isEqualTo("sk-live-from-file");
    }

    @Test
    void refusesAKeyFileOthersMayReadAndSaysHowToFixIt() throws Exception {
        new MasterKey(dataDir, "");
        Path file = MasterKey.file(dataDir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new MasterKey(dataDir, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the master key file " + file + " may be read or written by others (rw-r--r--): run"
                        + " `chmod 600 " + file + "` and start again");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        new MasterKey(dataDir, "");
    }

    @Test
    void refusesAKeyFileThatIsNotAKey() throws Exception {
        Path file = MasterKey.file(dataDir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "", StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> new MasterKey(dataDir, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the master key file " + file + " must be the base64 of 32 random bytes");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
