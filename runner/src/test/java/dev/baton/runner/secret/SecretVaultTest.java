package dev.baton.runner.secret;

import dev.baton.core.common.SealedSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretVaultTest {

    private static final String TOKEN = "sk-live-vault-test-0123456789abcdef";

    @TempDir
    Path dataDir;

    private final JdbcTemplate jdbc = SecretDatabase.create();

    private SecretVault vault() {
        return new SecretVault(jdbc, new MasterKey(dataDir, ""));
    }

    @Test
    void opensWhatItSealed() {
        SecretVault vault = vault();

        assertThat(vault.open(vault.seal(TOKEN))).isEqualTo(TOKEN);
        assertThat(vault.open(vault.seal("ünïcødé ✓"))).isEqualTo("ünïcødé ✓");
        assertThat(vault.open(vault.seal(""))).isEmpty();
    }

    @Test
    void eachSealHasItsOwnKeyAndCiphertext() {
        SecretVault vault = vault();

        SealedSecret first = vault.seal(TOKEN);
        SealedSecret second = vault.seal(TOKEN);

        assertThat(first.keyId()).isNotEqualTo(second.keyId());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(jdbc.queryForObject("select count(*) from secret_key", Integer.class)).isEqualTo(2);
        assertThat(first.toString()).isEqualTo("SealedSecret[keyId=" + first.keyId() + "]");
    }

    @Test
    void refusesAnAlteredCiphertextWithoutSayingWhatItHolds() {
        SecretVault vault = vault();
        SealedSecret sealed = vault.seal(TOKEN);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length / 2] ^= 1;
        SealedSecret altered = new SealedSecret(sealed.keyId(), Base64.getEncoder().encodeToString(bytes));

        assertRefused(vault, altered, "secret " + sealed.keyId() + " cannot be decrypted", sealed);
        assertRefused(vault, new SealedSecret(sealed.keyId(), "not base64!"), "cannot be decrypted", sealed);
        assertRefused(vault, new SealedSecret(sealed.keyId(), "AAAA"), "cannot be decrypted", sealed);
    }

    @Test
    void refusesACiphertextUnderAnotherKeyId() {
        SecretVault vault = vault();
        SealedSecret sealed = vault.seal(TOKEN);
        SealedSecret other = vault.seal("another secret value");

        assertRefused(vault, new SealedSecret(other.keyId(), sealed.ciphertext()), "cannot be decrypted", sealed);
        assertRefused(vault, new SealedSecret("7d0f3c1e-0000-4000-8000-000000000000", sealed.ciphertext()),
                "does not exist", sealed);
        // Swapped fields: the ciphertext is not echoed as an id.
        assertRefused(vault, new SealedSecret(sealed.ciphertext(), sealed.keyId()), "not a secret key id", sealed);
    }

    @Test
    void aDestroyedKeyOpensNothingEverAgain() {
        SecretVault vault = vault();
        SealedSecret sealed = vault.seal(TOKEN);
        SealedSecret kept = vault.seal("a secret that stays");

        vault.destroy(sealed.keyId());
        Map<String, Object> row = jdbc.queryForMap("select wrapped_key, destroyed_at from secret_key where key_id = ?",
                sealed.keyId());
        vault.destroy(sealed.keyId());

        assertThat(row.get("wrapped_key")).isNull();
        assertThat(row.get("destroyed_at")).isNotNull();
        assertThat(jdbc.queryForMap("select destroyed_at from secret_key where key_id = ?", sealed.keyId()))
                .isEqualTo(Map.of("DESTROYED_AT", row.get("destroyed_at")));
        assertRefused(vault, sealed, "secret key " + sealed.keyId() + " was destroyed", sealed);
        assertRefused(vault(), sealed, "was destroyed", sealed);
        assertThat(vault.open(kept)).isEqualTo("a secret that stays");
    }

    @Test
    void anotherMasterKeyOpensNothing(@TempDir Path otherDataDir) {
        SealedSecret sealed = vault().seal(TOKEN);

        SecretVault withOtherKey = new SecretVault(jdbc, new MasterKey(otherDataDir, ""));

        assertRefused(withOtherKey, sealed, "the master key is not the one it was sealed with", sealed);
    }

    @Test
    void sealsAndOpensFromManyThreadsAtOnce() {
        SecretVault vault = vault();

        List<String> opened = IntStream.range(0, 200).parallel()
                .mapToObj(i -> vault.open(vault.seal(TOKEN + i)))
                .toList();

        assertThat(opened).containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> TOKEN + i).toList());
    }

    private static void assertRefused(SecretVault vault, SealedSecret sealed, String reason, SealedSecret original) {
        assertThatThrownBy(() -> vault.open(sealed))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining(reason)
                .hasNoCause()
                .satisfies(e -> {
                    assertThat(PlaintextScanner.contains(e.getMessage(), TOKEN)).isFalse();
                    assertThat(e.getMessage()).doesNotContain(original.ciphertext()).doesNotContain(sealed.ciphertext());
                });
    }
}
