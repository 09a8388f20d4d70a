package dev.baton.runner.change;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code git diff --raw --numstat --patch -z} prints, in one pass and within {@link DiffLimits}: a raw
 * record per file (status and paths, NUL-separated), a numstat record per file in the same order, a NUL, then the
 * patch, where each file has its own "diff --git" section. A file whose type changed (a regular file that became a
 * symbolic link, say) has two sections: git shows the deletion and the creation apart.
 */
final class DiffParser {

    private static final byte NUL = 0;
    private static final byte NEWLINE = '\n';
    private static final byte[] FILE_START = "diff --git ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HUNK_START = "@@".getBytes(StandardCharsets.US_ASCII);
    /** How much of a line is always kept: more than any header line (paths), enough to recognize any line. */
    private static final int LINE_PREFIX = 64 * 1024;

    private final Pieces input;
    private final DiffLimits limits;
    private final StringBuilder unified = new StringBuilder();
    private long unifiedBytes;
    private boolean onLine;

    private DiffParser(InputStream input, DiffLimits limits) {
        this.input = new Pieces(input);
        this.limits = limits;
    }

    static AttemptDiff parse(InputStream output, DiffLimits limits) throws IOException {
        return new DiffParser(output, limits).parse();
    }

    private record Entry(char status, String oldPath, String path) {
    }

    private record Counts(int additions, int deletions, boolean binary) {
    }

    private AttemptDiff parse() throws IOException {
        List<Entry> entries = new ArrayList<>();
        String token = token();
        while (token != null && token.startsWith(":")) {
            entries.add(rawRecord(token));
            token = token();
        }
        if (entries.isEmpty()) {
            return new AttemptDiff(List.of(), "");
        }
        List<Counts> counts = new ArrayList<>();
        for (Entry entry : entries) {
            counts.add(numstat(token, entry));
            token = token();
        }
        if (!"".equals(token)) {
            throw malformed("no separator before the patch");
        }
        nextLine(LINE_PREFIX);
        List<FileDiff> files = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            files.add(file(entries.get(i), counts.get(i)));
        }
        if (onLine) {
            throw malformed("more file sections in the patch than files");
        }
        return new AttemptDiff(files, unified.toString());
    }

    /** ":<old mode> <new mode> <old id> <new id> <status><score>", then one path, or two (old, new) for a rename. */
    private Entry rawRecord(String record) throws IOException {
        char status = record.charAt(record.lastIndexOf(' ') + 1);
        String path = requiredToken();
        return status == 'R' ? new Entry(status, path, requiredToken()) : new Entry(status, null, path);
    }

    /** "<additions>\t<deletions>\t<path>", or for a rename "<additions>\t<deletions>\t", old path, new path. */
    private Counts numstat(String record, Entry entry) throws IOException {
        String[] fields = record == null ? new String[0] : record.split("\t", 3);
        if (fields.length != 3) {
            throw malformed("no numstat record for " + entry.path());
        }
        String path = fields[2];
        if (path.isEmpty()) {
            requiredToken(); // the old path, already known from the raw record
            path = requiredToken();
        }
        if (!path.equals(entry.path())) {
            throw malformed("numstat record for " + path + " where " + entry.path() + " was expected");
        }
        boolean binary = fields[0].equals("-");
        return binary ? new Counts(0, 0, true)
                : new Counts(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), false);
    }

    private FileDiff file(Entry entry, Counts counts) throws IOException {
        ByteArrayOutputStream patch = new ByteArrayOutputStream();
        boolean cut = false;
        int sections = entry.status() == 'T' ? 2 : 1;
        for (int section = 0; section < sections; section++) {
            if (!onLine || !input.startsWith(FILE_START)) {
                throw malformed("no file section in the patch for " + entry.path());
            }
            do {
                appendUnified(input.text(), input.keptLength());
            } while (nextLine(LINE_PREFIX) && !input.startsWith(FILE_START) && !input.startsWith(HUNK_START));
            while (onLine && input.startsWith(HUNK_START)) {
                cut = !hunk(patch, cut);
            }
        }
        return new FileDiff(entry.path(), entry.oldPath(), change(entry), counts.additions(), counts.deletions(),
                patch.toString(StandardCharsets.UTF_8), counts.binary(), cut);
    }

    /**
     * Reads the hunk that starts at the current line, and keeps it in the file's patch and the unified diff if it
     * fits whole in both; none of a file's hunks is kept after one that was cut. Answers whether it was kept.
     */
    private boolean hunk(ByteArrayOutputStream patch, boolean cut) throws IOException {
        long room = cut ? 0 : Math.min(limits.filePatchBytes() - patch.size(), limits.totalBytes() - unifiedBytes);
        ByteArrayOutputStream hunk = new ByteArrayOutputStream();
        boolean fits = !cut;
        do {
            if (fits && input.whole() && hunk.size() + input.length() <= room) {
                input.appendTo(hunk);
            } else if (fits) {
                fits = false;
                hunk = new ByteArrayOutputStream(); // what was held is no longer needed
            }
        } while (nextLine(fits ? (int) Math.max(room - hunk.size(), LINE_PREFIX) : LINE_PREFIX)
                && !input.startsWith(FILE_START) && !input.startsWith(HUNK_START));
        if (fits) {
            byte[] bytes = hunk.toByteArray();
            patch.writeBytes(bytes);
            appendUnified(new String(bytes, StandardCharsets.UTF_8), bytes.length);
        }
        return fits;
    }

    private static FileChange change(Entry entry) {
        return switch (entry.status()) {
            case 'A' -> FileChange.ADDED;
            case 'D' -> FileChange.DELETED;
            case 'R' -> FileChange.RENAMED;
            case 'M', 'T' -> FileChange.MODIFIED;
            default -> throw malformed("unexpected status " + entry.status() + " for " + entry.path());
        };
    }

    private void appendUnified(String text, int bytes) {
        unified.append(text);
        unifiedBytes += bytes;
    }

    private boolean nextLine(int keep) throws IOException {
        onLine = input.next(NEWLINE, keep);
        return onLine;
    }

    /** The next NUL-terminated token, or null at the end. */
    private String token() throws IOException {
        if (!input.next(NUL, Integer.MAX_VALUE)) {
            return null;
        }
        String token = input.text();
        return token.endsWith("\0") ? token.substring(0, token.length() - 1) : token;
    }

    private String requiredToken() throws IOException {
        String token = token();
        if (token == null) {
            throw malformed("it ends in the middle of a record");
        }
        return token;
    }

    private static IllegalStateException malformed(String problem) {
        return new IllegalStateException("cannot read git's diff output: " + problem);
    }
}
