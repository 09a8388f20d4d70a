package dev.baton.runner.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The CLI output lines quoted in /work/shared/reference/agent-clis.md, kept verbatim in
 * src/test/resources/agent-output. The reference trims long parts with "…": inside a string that stays (it is
 * still valid JSON), but between fields ({@code "id":"msg_2",…,"content"}) it makes the line invalid JSON, so
 * {@link #asPrinted} takes those trims out again, and undoes the markdown escape {@code \`} in two lines.
 */
public final class ReferenceOutput {

    private ReferenceOutput() {
    }

    public static List<String> verbatim(String resource) {
        try (InputStream in = ReferenceOutput.class.getResourceAsStream("/agent-output/" + resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines as the CLI printed them, give or take the trimmed contents. */
    public static List<String> asPrinted(String resource) {
        return verbatim(resource).stream().map(ReferenceOutput::untrimmed).toList();
    }

    static String untrimmed(String line) {
        String text = line.replace("\\`", "`");
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                inString = escaped || c != '"';
                escaped = !escaped && c == '\\';
            } else if (c == '…') {
                i = dropTrim(out, text, i);
            } else {
                out.append(c);
                inString = c == '"';
            }
        }
        return out.toString();
    }

    /** Removes the trim at {@code at} with the comma that joined it; a trimmed value becomes null. */
    private static int dropTrim(StringBuilder out, String text, int at) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        char before = out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
        if (before == ',') {
            out.setLength(out.length() - 1);
        } else if (before == ':') {
            out.append("null");
        } else if ((before == '{' || before == '[') && at + 1 < text.length() && text.charAt(at + 1) == ',') {
            return at + 1;
        }
        return at;
    }
}
