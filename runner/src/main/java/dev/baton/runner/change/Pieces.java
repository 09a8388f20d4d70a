package dev.baton.runner.change;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a stream piece by piece, each piece ending with a delimiter (included), and keeps at most a given number of
 * bytes of each piece: a line of many megabytes is counted, not held.
 */
final class Pieces {

    private final InputStream input;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int end;
    private byte[] kept = new byte[1024];
    private int keptLength;
    private long length;

    Pieces(InputStream input) {
        this.input = input;
    }

    /** Reads the next piece, keeping its first {@code keep} bytes; false when the stream has nothing left. */
    boolean next(byte delimiter, int keep) throws IOException {
        keptLength = 0;
        length = 0;
        while (true) {
            if (position == end && !fill()) {
                return length > 0; // a last piece without its delimiter
            }
            int stop = position;
            while (stop < end && buffer[stop] != delimiter) {
                stop++;
            }
            boolean found = stop < end;
            if (found) {
                stop++;
            }
            keep(stop - position, keep);
            length += stop - position;
            position = stop;
            if (found) {
                return true;
            }
        }
    }

    /** The piece's length in bytes, delimiter included, whether kept or not. */
    long length() {
        return length;
    }

    boolean whole() {
        return keptLength == length;
    }

    boolean startsWith(byte[] prefix) {
        return keptLength >= prefix.length && Arrays.equals(kept, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The kept bytes as UTF-8 text. */
    String text() {
        return new String(kept, 0, keptLength, StandardCharsets.UTF_8);
    }

    int keptLength() {
        return keptLength;
    }

    void appendTo(ByteArrayOutputStream output) {
        output.write(kept, 0, keptLength);
    }

    private void keep(int count, int keep) {
        int taken = Math.min(count, keep - keptLength);
        if (taken <= 0) {
            return;
        }
        if (keptLength + taken > kept.length) {
            kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + taken));
        }
        System.arraycopy(buffer, position, kept, keptLength, taken);
        keptLength += taken;
    }

    private boolean fill() throws IOException {
        int read = input.read(buffer);
        position = 0;
        end = Math.max(read, 0);
        return read > 0;
    }
}
