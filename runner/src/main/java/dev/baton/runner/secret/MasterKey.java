package dev.baton.runner.secret;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The key that wraps every secret's data key, kept outside the database: the environment variable
 * {@code BATON_MASTER_KEY} (the base64 of 32 bytes) when set, else the file {@code <data-dir>/secrets/master.key}
 * (the same base64 text), created on first start and readable by its owner only. Whoever has the database but not
 * this key cannot open a secret; whoever loses this key loses every secret. Rotating it is not supported yet: the
 * wrapped data keys would have to be rewrapped under a new key.
 */
@Component
public class MasterKey {

    static final String ENVIRONMENT_VARIABLE = "BATON_MASTER_KEY";
    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final System.Logger LOG = System.getLogger(MasterKey.class.getName());

    private final SecretKey key;

    /** {@code fromEnvironment} is the value of {@code BATON_MASTER_KEY}, blank when it is not set. */
    public MasterKey(@Value("${baton.data-dir}") Path dataDir, @Value("${" + ENVIRONMENT_VARIABLE + ":}") String fromEnvironment) {
        byte[] bytes = fromEnvironment.isBlank() ? fromFile(file(dataDir.toAbsolutePath().normalize()))
                : decode(fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE);
        this.key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
    }

    /** Where the key file is (or would be) kept. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("secrets").resolve("master.key");
    }

    SecretKey key() {
        return key;
    }

    /**
     * A 256-bit key of its own for {@code purpose}, derived from the master key (HMAC-SHA256 of the purpose): the same
     * on every node that shares the master key, and telling nothing about the master key or another purpose's key.
     */
    public SecretKey derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new IllegalStateException("the master key file " + file + " may be read or written by others ("
                        + PosixFilePermissions.toString(permissions) + "): run `chmod 600 " + file + "` and start again");
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "the master key file " + file);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("the file system of " + file + " cannot keep the master key readable by "
                    + "its owner only: set the environment variable " + ENVIRONMENT_VARIABLE + " instead");
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the master key in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder.getParent());
        if (Files.notExists(folder)) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        }
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = Base64.getEncoder().encode(key);
        // Created with its permissions in one step, and forced to disk before any secret is sealed with it.
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(CREATE_NEW, WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))) {
            channel.write(ByteBuffer.wrap(text));
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            return; // another start created it first: use that one
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
        LOG.log(System.Logger.Level.INFO, "created the master key file {0}: back it up, without it no stored secret "
                + "can be opened", file);
    }

    private static byte[] decode(String text, String source) {
        String problem = source + " must be the base64 of " + BYTES + " random bytes (e.g. `openssl rand -base64 "
                + BYTES + "`)";
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(problem); // the cause would quote the text
        }
        if (bytes.length != BYTES) {
            throw new IllegalStateException(problem);
        }
        return bytes;
    }
}
