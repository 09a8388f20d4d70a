package dev.baton.runner.moxxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.runner.workspace.Redaction;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The lines {@link MoxxyDelegate} prints: one JSON object per line with a {@code type}, flushed at once (the runner
 * follows the file). The token is redacted from every text in a line. Once {@link #close() closed} (the final result is
 * out) nothing more is printed, so the shutdown hook and the polling thread cannot both end the run.
 *
 * <ul>
 *   <li>{@code job}: {@code job_id}, {@code agent}, {@code worker_count} — the job started (printed first);</li>
 *   <li>{@code event}: {@code id}, {@code event_type}, {@code payload} — one of moxxy's job events;</li>
 *   <li>{@code worker}: {@code worker_run_id}, {@code worker_agent}, {@code status}, {@code output},
 *       {@code error} — a worker ended;</li>
 *   <li>{@code notice}, {@code warning}: {@code message} — about the delegate itself (moxxy out of reach…);</li>
 *   <li>{@code error}: {@code message}, {@code reason} — the delegate cannot go on;</li>
 *   <li>{@code cancel}: {@code job_id}, {@code outcome} — the job was cancelled because the run was stopped;</li>
 *   <li>{@code result}: {@code job_id}, {@code status}, {@code summary}, {@code error} — last line.</li>
 * </ul>
 */
final class DelegateOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final MoxxyCredentials credentials;
    private boolean closed;

    DelegateOutput(PrintStream out, MoxxyCredentials credentials) {
        this.out = out;
        this.credentials = credentials;
    }

    ObjectNode line(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    synchronized void print(ObjectNode line) {
        if (closed) {
            return;
        }
        String text;
        try {
            text = JSON.writeValueAsString(scrub(line));
        } catch (JsonProcessingException e) {
            text = line("warning").put("message", "cannot write a line: " + e.getOriginalMessage()).toString();
        }
        out.println(text);
        out.flush();
    }

    void message(String type, String message) {
        print(line(type).put("message", message));
    }

    void error(String reason, String message) {
        print(line("error").put("reason", reason).put("message", message));
    }

    /** Prints the result line and closes: the run has ended. */
    synchronized void result(String jobId, String status, String summary, String error) {
        print(line("result").put("job_id", jobId).put("status", status).put("summary", summary).put("error", error));
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    static String reason(MoxxyException e) {
        return e.kind().name().toLowerCase(Locale.ROOT);
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** The node with the token (and URL user-info) redacted from every text in it, before JSON escapes them. */
    private JsonNode scrub(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(Redaction.redact(credentials.redact(node.asText())));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode scrubbed = JSON.createObjectNode();
            object.fields().forEachRemaining(field -> scrubbed.set(field.getKey(), scrub(field.getValue())));
            return scrubbed;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode scrubbed = JSON.createArrayNode();
            array.forEach(element -> scrubbed.add(scrub(element)));
            return scrubbed;
        }
        return node;
    }
}
