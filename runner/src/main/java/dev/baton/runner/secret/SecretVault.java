package dev.baton.runner.secret;

import dev.baton.core.common.SealedSecret;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Envelope encryption of secrets (tokens, provider keys): each secret is encrypted with its own random data key
 * (AES-256-GCM), and that key is stored in {@code secret_key} only wrapped by the {@link MasterKey} (AES-256-GCM
 * too). The plaintext is handed out by {@link #open} only, never stored, logged or put in a message. Destroying a
 * secret's key (crypto-shredding) makes every copy of its ciphertext, in events too, unreadable for good.
 * Thread-safe: no state but the master key; a cipher per call.
 */
@Component
public class SecretVault {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(SecretVault.class.getName());

    private final JdbcTemplate jdbc;
    private final Key masterKey;

    public SecretVault(JdbcTemplate jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey.key();
    }

    /**
     * Encrypts {@code plaintext} with a new data key and stores that key wrapped (in the caller's transaction, if
     * any: a rolled-back command leaves no key behind).
     */
    public SealedSecret seal(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        String keyId = UUID.randomUUID().toString();
        byte[] dataKey = new byte[KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        byte[] clear = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), clear, secretAad(keyId));
            byte[] wrapped = encrypt(masterKey, dataKey, wrapAad(keyId));
            jdbc.update("insert into secret_key (key_id, wrapped_key, created_at) values (?, ?, ?)", keyId, wrapped,
                    OffsetDateTime.now(ZoneOffset.UTC));
            return new SealedSecret(keyId, Base64.getEncoder().encodeToString(ciphertext));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** The plaintext of a sealed secret; a {@link SecretException} when its key is unknown or destroyed, or it was altered. */
    public String open(SealedSecret sealed) {
        String keyId = checkedKeyId(sealed.keyId());
        byte[] dataKey = unwrap(keyId);
        try {
            byte[] ciphertext = Base64.getDecoder().decode(sealed.ciphertext());
            return new String(decrypt(new SecretKeySpec(dataKey, "AES"), ciphertext, secretAad(keyId)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretException("secret " + keyId + " cannot be decrypted: its ciphertext was altered or was "
                    + "sealed with another key");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Destroys the secret's data key: its wrapped bytes are removed and the time is kept, so that {@link #open}
     * fails for good and says why. Destroying again, or an unknown key, changes nothing.
     */
    public void destroy(String keyId) {
        String checked = checkedKeyId(keyId);
        int destroyed = jdbc.update("update secret_key set wrapped_key = null, destroyed_at = ?"
                + " where key_id = ? and destroyed_at is null", OffsetDateTime.now(ZoneOffset.UTC), checked);
        if (destroyed > 0) {
            LOG.log(System.Logger.Level.INFO, "destroyed secret key {0}", checked);
        }
    }

    private byte[] unwrap(String keyId) {
        List<byte[]> wrapped = jdbc.query("select wrapped_key from secret_key where key_id = ?",
                (rs, i) -> rs.getBytes(1), keyId);
        if (wrapped.isEmpty()) {
            throw new SecretException("secret key " + keyId + " does not exist");
        }
        if (wrapped.get(0) == null) {
            throw new SecretException("secret key " + keyId + " was destroyed");
        }
        try {
            return decrypt(masterKey, wrapped.get(0), wrapAad(keyId));
        } catch (GeneralSecurityException e) {
            throw new SecretException("secret key " + keyId + " cannot be unwrapped: the master key is not the one it "
                    + "was sealed with, or the stored key was altered");
        }
    }

    /** Only a well-formed id goes into a query or a message (a caller might have swapped the ciphertext in). */
    private static String checkedKeyId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new SecretException("not a secret key id");
        }
        return keyId;
    }

    // Each ciphertext is bound to its key id, and a wrapped key can never pass for a secret or the other way round.
    private static byte[] secretAad(String keyId) {
        return ("baton-secret:" + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] wrapAad(String keyId) {
        return ("baton-data-key:" + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The random IV followed by the ciphertext and its tag. */
    private static byte[] encrypt(Key key, byte[] clear, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] encrypted = cipher.doFinal(clear);
            return ByteBuffer.allocate(IV_BYTES + encrypted.length).put(iv).put(encrypted).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] decrypt(Key key, byte[] ivAndCiphertext, byte[] aad) throws GeneralSecurityException {
        if (ivAndCiphertext.length < IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
    }
}
