package dev.baton.runner.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Tolerant reads from a CLI's JSON output: a missing field, or one of an unexpected type, reads as null, never as an
 * exception, because the CLIs add and rename fields between versions.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The line as a JSON object, or empty when it is not one. */
    public static Optional<JsonNode> object(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A string field; numbers and booleans are given as their text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    public static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? value.intValue() : null;
    }

    public static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.longValue() : null;
    }

    public static Double decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : null;
    }

    public static boolean isTrue(JsonNode node, String field) {
        return node.path(field).asBoolean(false);
    }

    /** A tool's output: a string, or the text parts of a content list ({@code [{"type":"text","text":…}]}). */
    public static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String partText = text(part, "text");
            if (partText != null) {
                text.append(text.isEmpty() ? "" : "\n").append(partText);
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** The node itself, or null for a missing or JSON-null node (events leave such fields out). */
    public static JsonNode orNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node;
    }
}
