package dev.baton.runner.attempt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the complete lines a process appended to its output file since the last read, from a byte offset that the
 * runner stores with the lines it logged: a restarted server continues where the last one stopped. A line still
 * being written (no newline yet) is left for the next read, unless the process has ended. Very long lines are cut
 * at {@link #MAX_LINE_BYTES} (the rest of such a line is skipped) so one line cannot exhaust memory.
 */
final class OutputTail {

    static final int MAX_LINE_BYTES = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private long offset;

    OutputTail(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Where the next read starts: everything before it has been returned. */
    long offset() {
        return offset;
    }

    /**
     * The next complete lines, at most {@code maxLines}; with {@code ended} a last line without newline counts as
     * complete.
     */
    List<String> read(int maxLines, boolean ended) {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long position = offset;
            long lineStart = offset;
            while (position < size && lines.size() < maxLines) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read && lines.size() < maxLines; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        lines.add(text(line));
                        line.reset();
                        lineStart = position + i + 1;
                    } else if (line.size() < MAX_LINE_BYTES) {
                        line.write(b);
                    }
                }
                position += read;
            }
            offset = lineStart;
            if (ended && lines.size() < maxLines && lineStart < size && position >= size) {
                lines.add(text(line));
                offset = size;
            }
        } catch (NoSuchFileException e) {
            return lines; // nothing printed yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return lines;
    }

    private static String text(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
