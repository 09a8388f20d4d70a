package dev.baton.runner.secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides known secret values (a user's provider keys) wherever an agent's output goes: in a line of text (each value
 * becomes {@code ***}), and in an output file, rewritten in place or copied with as many {@code *} as the value has
 * bytes, so that offsets into the file and its length stay true. Values shorter than {@link #MIN_LENGTH} are ignored: they cannot be told
 * apart from ordinary text.
 */
public final class SecretMask {

    public static final int MIN_LENGTH = 8;
    public static final SecretMask NONE = new SecretMask(List.of());
    private static final String HIDDEN = "***";
    private static final int CHUNK = 1 << 20;

    /** A value and the name it is known by (a provider key's), which may be said where the value may not. */
    private record Secret(String name, String value, byte[] bytes) {
    }

    /** Longest first, so that a value containing another is hidden whole. */
    private final List<Secret> secrets;

    private SecretMask(List<Secret> secrets) {
        this.secrets = secrets;
    }

    /** A mask of the values of {@code named} (name → value). */
    public static SecretMask of(Map<String, String> named) {
        List<Secret> secrets = new ArrayList<>();
        named.forEach((name, value) -> {
            if (value != null && value.length() >= MIN_LENGTH) {
                secrets.add(new Secret(name, value, value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        secrets.sort(Comparator.comparingInt((Secret secret) -> secret.value().length()).reversed()
                .thenComparing(Secret::name));
        return secrets.isEmpty() ? NONE : new SecretMask(List.copyOf(secrets));
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** {@code text} with every value replaced by {@code ***}. */
    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Secret secret : secrets) {
            masked = masked.replace(secret.value(), HIDDEN);
        }
        return masked;
    }

    /**
     * Overwrites every value in {@code file} with {@code *}s of the same length; answers the names of the values it
     * found. The file is read in chunks that overlap by the longest value, so a value across two chunks is found too.
     */
    public Set<String> maskFile(Path file) throws IOException {
        Set<String> found = new TreeSet<>();
        if (secrets.isEmpty() || !Files.isRegularFile(file)) {
            return found;
        }
        int overlap = overlap();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK + overlap);
            long start = 0;
            while (true) {
                buffer.clear();
                int read = readFully(channel, buffer, start);
                if (maskChunk(buffer.array(), read, found)) {
                    channel.write(ByteBuffer.wrap(buffer.array(), 0, read), start);
                }
                if (read < buffer.capacity()) {
                    return found;
                }
                start += read - overlap;
            }
        }
    }

    /**
     * Copies {@code in} to {@code out} with every value replaced by as many {@code *} as it has bytes (the length
     * stays the same): to serve a file that an agent may still be writing.
     */
    public void copyMasked(InputStream in, OutputStream out) throws IOException {
        if (secrets.isEmpty()) {
            in.transferTo(out);
            return;
        }
        int overlap = overlap();
        byte[] chunk = new byte[CHUNK + overlap];
        int held = 0;
        while (true) {
            int read = in.readNBytes(chunk, held, chunk.length - held);
            int length = held + read;
            maskChunk(chunk, length, new TreeSet<>());
            if (length < chunk.length) {
                out.write(chunk, 0, length);
                return;
            }
            // the last bytes may begin a value that ends in the next chunk: they go out with it
            out.write(chunk, 0, length - overlap);
            System.arraycopy(chunk, length - overlap, chunk, 0, overlap);
            held = overlap;
        }
    }

    /** Bytes two chunks share: a value across their border is then whole in one of them. */
    private int overlap() {
        return secrets.get(0).bytes().length - 1;
    }

    /** Replaces the values in the first {@code length} bytes of {@code chunk}; answers whether there was one. */
    private boolean maskChunk(byte[] chunk, int length, Set<String> found) {
        boolean masked = false;
        for (Secret secret : secrets) {
            byte[] value = secret.bytes();
            for (int at = indexOf(chunk, length, value, 0); at >= 0;
                 at = indexOf(chunk, length, value, at + value.length)) {
                found.add(secret.name());
                Arrays.fill(chunk, at, at + value.length, (byte) '*'); // a shorter value inside is gone too
                masked = true;
            }
        }
        return masked;
    }

    private static int indexOf(byte[] data, int length, byte[] value, int from) {
        outer:
        for (int i = from; i <= length - value.length; i++) {
            for (int j = 0; j < value.length; j++) {
                if (data[i + j] != value[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    /** How many values, never which. */
    @Override
    public String toString() {
        return "SecretMask[" + secrets.size() + " values]";
    }
}
