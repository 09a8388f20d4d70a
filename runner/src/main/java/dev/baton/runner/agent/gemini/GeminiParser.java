package dev.baton.runner.agent.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.ChangeKind;
import dev.baton.runner.agent.AgentEvent.CommandStatus;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.FileChangeStatus;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.ToolStatus;
import dev.baton.runner.agent.ErrorCodes;
import dev.baton.runner.agent.Json;
import dev.baton.runner.agent.JsonLinesParser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Gemini's stream-json: {@code init}, {@code message} (assistant text in chunks), {@code tool_use} and
 * {@code tool_result} paired by {@code tool_id}, {@code error} (never fatal) and a final {@code result}.
 */
final class GeminiParser extends JsonLinesParser {

    private static final String SHELL_TOOL = "run_shell_command";
    private static final Set<String> FILE_TOOLS = Set.of("replace", "write_file");

    private final Map<String, JsonNode> startedTools = new HashMap<>();

    GeminiParser() {
        super("gemini");
    }

    @Override
    protected boolean onJson(String type, JsonNode json) {
        switch (type) {
            case "init" -> emit(new AgentEvent.Session(Json.text(json, "session_id"), Json.text(json, "model"), null));
            case "message" -> emit(new AgentEvent.Message("user".equals(Json.text(json, "role")) ? Role.USER
                    : Role.ASSISTANT, Json.text(json, "content"), Json.isTrue(json, "delta") ? true : null, null));
            case "tool_use" -> onToolUse(json);
            case "tool_result" -> onToolResult(json);
            case "error" -> {
                String message = Json.text(json, "message");
                emit(new AgentEvent.Error(message, false, ErrorCodes.classify(message, null)));
            }
            case "result" -> onResult(json);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void onToolUse(JsonNode json) {
        String id = Json.text(json, "tool_id");
        String name = String.valueOf(Json.text(json, "tool_name"));
        JsonNode parameters = json.path("parameters");
        startedTools.put(id, json);
        if (name.equals(SHELL_TOOL)) {
            emit(new AgentEvent.Command(id, Json.text(parameters, "command"), CommandStatus.STARTED, null, null));
        } else if (FILE_TOOLS.contains(name)) {
            emit(new AgentEvent.FileChange(id, List.of(new AgentEvent.Change(Json.text(parameters, "file_path"),
                    ChangeKind.UPDATE)), FileChangeStatus.STARTED));
        } else {
            emit(new AgentEvent.ToolCall(id, name, Json.orNull(parameters), ToolStatus.STARTED, null, null));
        }
    }

    private void onToolResult(JsonNode json) {
        String id = Json.text(json, "tool_id");
        boolean failed = !"success".equals(Json.text(json, "status"));
        String output = Json.text(json, "output");
        String error = Json.text(json.path("error"), "message");
        JsonNode started = startedTools.remove(id);
        String name = started == null ? toolNameFromId(id) : String.valueOf(Json.text(started, "tool_name"));
        JsonNode parameters = started == null ? MissingNode.getInstance() : started.path("parameters");
        if (name.equals(SHELL_TOOL)) {
            emit(new AgentEvent.Command(id, Json.text(parameters, "command"),
                    failed ? CommandStatus.FAILED : CommandStatus.COMPLETED, null, failed ? error : output));
        } else if (FILE_TOOLS.contains(name)) {
            emit(new AgentEvent.FileChange(id, List.of(new AgentEvent.Change(Json.text(parameters, "file_path"),
                    ChangeKind.UPDATE)), failed ? FileChangeStatus.FAILED : FileChangeStatus.COMPLETED));
        } else {
            emit(new AgentEvent.ToolCall(id, name, Json.orNull(parameters),
                    failed ? ToolStatus.FAILED : ToolStatus.COMPLETED, output, error));
        }
    }

    /** A result whose tool_use we did not see: Gemini's tool ids start with the tool's name ({@code name__…}). */
    private static String toolNameFromId(String id) {
        return id != null && id.contains("__") ? id.substring(0, id.indexOf("__")) : "unknown";
    }

    private void onResult(JsonNode json) {
        JsonNode stats = json.path("stats");
        if (stats.isObject()) {
            emit(new AgentEvent.Usage(stats.path("input_tokens").asLong(), stats.path("output_tokens").asLong(),
                    Json.number(stats, "cached"), null, null, false));
        }
        Long durationMs = Json.number(stats, "duration_ms");
        if ("success".equals(Json.text(json, "status"))) {
            emit(new AgentEvent.Done(DoneStatus.SUCCESS, null, null, null, durationMs));
            return;
        }
        JsonNode error = json.path("error");
        String message = Json.text(error, "message") != null ? Json.text(error, "message") : "gemini failed";
        emit(new AgentEvent.Error(message, true, ErrorCodes.classify(message, null)));
        emit(new AgentEvent.Done(DoneStatus.FAILED, message, null, null, durationMs));
    }
}
