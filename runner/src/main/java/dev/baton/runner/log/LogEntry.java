package dev.baton.runner.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.baton.runner.agent.AgentEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing to append to an attempt's log: a stream message's {@code kind} and {@code payload} (contract, "A stream
 * message"). The factories build each kind's payload with the contract's field names.
 */
public record LogEntry(String kind, JsonNode payload) {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .findAndRegisterModules();

    /** A raw line the agent (or a gate) printed; {@code level} is {@code info} for stdout, {@code stderr} for stderr. */
    public static LogEntry log(String level, String message) {
        return of("LOG", fields("level", level, "message", message));
    }

    /** A line a gate printed (stdout and stderr together). */
    public static LogEntry gateLine(String gate, String message) {
        return of("LOG", fields("level", "info", "message", message, "gate", gate));
    }

    /** A normalized agent event (message, reasoning, tool_call, command, file_change, todo, usage, error, done). */
    public static LogEntry agent(AgentEvent event) {
        return new LogEntry("AGENT", JSON.valueToTree(event));
    }

    public static LogEntry progress(String phase, int step, Integer total, String message) {
        return of("PROGRESS", fields("phase", phase, "step", step, "total", total, "message", message));
    }

    public static LogEntry command(String cmd, String cwd) {
        return of("COMMAND", fields("cmd", cmd, "cwd", cwd));
    }

    public static LogEntry gateResult(String gate, int exitCode, String outputRef) {
        return of("GATE_RESULT", fields("gate", gate, "exit_code", exitCode, "output_ref", outputRef));
    }

    public static LogEntry artifact(String kind, String ref) {
        return of("ARTIFACT", fields("kind", kind, "ref", ref));
    }

    public static LogEntry status(String from, String to) {
        return of("STATUS", fields("from", from, "to", to));
    }

    public static LogEntry error(String message, String detail) {
        return of("ERROR", fields("message", message, "detail", detail));
    }

    private static LogEntry of(String kind, Map<String, Object> payload) {
        return new LogEntry(kind, JSON.valueToTree(payload));
    }

    /** Name/value pairs in order, leaving out null values. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return fields;
    }
}
