package dev.baton.runner.agent.claude;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Reads Claude's stream-json: {@code system/init}, one {@code assistant} line per content block, tool results in
 * {@code user} lines, and a final {@code result}. A tool's start (in an assistant line) and its result (in a user
 * line) share the {@code tool_use} id; the start is remembered so the result becomes the same kind of event.
 */
final class ClaudeCodeParser extends JsonLinesParser {

    private static final Set<String> FILE_TOOLS = Set.of("Edit", "MultiEdit", "Write", "NotebookEdit");

    private final Map<String, JsonNode> startedTools = new HashMap<>();

    ClaudeCodeParser() {
        super("claude");
    }

    @Override
    protected boolean onJson(String type, JsonNode json) {
        switch (type) {
            case "system" -> onSystem(json);
            case "assistant" -> onAssistant(json);
            case "user" -> onUser(json);
            case "result" -> onResult(json);
            case "stream_event", "rate_limit_event", "control_request", "control_response",
                 "control_cancel_request" -> {
                // partial-message deltas and the control protocol: not used in plain -p runs
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void onSystem(JsonNode json) {
        switch (String.valueOf(Json.text(json, "subtype"))) {
            case "init" -> emit(new AgentEvent.Session(Json.text(json, "session_id"), Json.text(json, "model"),
                    Json.text(json, "cwd")));
            case "api_retry" -> {
                Integer status = Json.integer(json, "error_status");
                String message = "API retry " + Json.text(json, "attempt") + "/" + Json.text(json, "max_retries")
                        + ": " + Json.text(json, "error") + (status == null ? "" : " (HTTP " + status + ")");
                emit(new AgentEvent.Error(message, false, ErrorCodes.classify(message, status)));
            }
            default -> {
                // status, hook and task notices: nothing for the log
            }
        }
    }

    private void onAssistant(JsonNode json) {
        if (Json.isTrue(json, "is_api_error_message")) {
            // Claude words a failed API call as an assistant message; the result line that follows makes it fatal.
            String message = Json.contentText(json.path("message").path("content"));
            emit(new AgentEvent.Error(message, false,
                    ErrorCodes.classify(message, Json.integer(json, "api_error_status"))));
            return;
        }
        for (JsonNode block : json.path("message").path("content")) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "text" -> emit(new AgentEvent.Message(Role.ASSISTANT, Json.text(block, "text"), null, null));
                case "thinking" -> emit(new AgentEvent.Reasoning(Json.text(block, "thinking"), null, null));
                case "tool_use" -> onToolUse(block);
                default -> {
                    // redacted thinking and other blocks carry nothing to show
                }
            }
        }
    }

    private void onToolUse(JsonNode block) {
        String id = Json.text(block, "id");
        String name = String.valueOf(Json.text(block, "name"));
        JsonNode input = block.path("input");
        startedTools.put(id, block);
        if (name.equals("Bash")) {
            emit(new AgentEvent.Command(id, Json.text(input, "command"), CommandStatus.STARTED, null, null));
        } else if (FILE_TOOLS.contains(name)) {
            // Whether Write creates or overwrites is only known from its result.
            emit(new AgentEvent.FileChange(id, List.of(new AgentEvent.Change(filePath(input), ChangeKind.UPDATE)),
                    FileChangeStatus.STARTED));
        } else if (name.equals("TodoWrite")) {
            emit(todoList(input));
        } else {
            emit(new AgentEvent.ToolCall(id, name, Json.orNull(input), ToolStatus.STARTED, null, null));
        }
    }

    private void onUser(JsonNode json) {
        for (JsonNode block : json.path("message").path("content")) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "tool_result" -> onToolResult(block, json.path("tool_use_result"));
                // the prompt, or "[Request interrupted by user]" after a SIGINT
                case "text" -> emit(new AgentEvent.Message(Role.USER, Json.text(block, "text"), null, null));
                default -> {
                    // images and other blocks
                }
            }
        }
    }

    private void onToolResult(JsonNode block, JsonNode structured) {
        String id = Json.text(block, "tool_use_id");
        boolean failed = Json.isTrue(block, "is_error");
        String output = Json.contentText(block.path("content"));
        JsonNode started = startedTools.remove(id);
        String name = started == null ? "unknown" : String.valueOf(Json.text(started, "name"));
        JsonNode input = started == null ? null : started.path("input");
        if (name.equals("Bash")) {
            emit(new AgentEvent.Command(id, Json.text(input, "command"),
                    failed ? CommandStatus.FAILED : CommandStatus.COMPLETED, null, output));
        } else if (FILE_TOOLS.contains(name)) {
            String path = Json.text(structured, "filePath") != null ? Json.text(structured, "filePath") : filePath(input);
            ChangeKind kind = "create".equals(Json.text(structured, "type")) ? ChangeKind.ADD : ChangeKind.UPDATE;
            emit(new AgentEvent.FileChange(id, List.of(new AgentEvent.Change(path, kind)),
                    failed ? FileChangeStatus.FAILED : FileChangeStatus.COMPLETED));
        } else if (!name.equals("TodoWrite")) {
            emit(new AgentEvent.ToolCall(id, name, input == null ? null : Json.orNull(input),
                    failed ? ToolStatus.FAILED : ToolStatus.COMPLETED, failed ? null : output, failed ? output : null));
        }
    }

    private void onResult(JsonNode json) {
        JsonNode usage = json.path("usage");
        if (usage.isObject()) {
            emit(new AgentEvent.Usage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                    Json.number(usage, "cache_read_input_tokens"), null, Json.decimal(json, "total_cost_usd"), false));
        }
        String result = Json.text(json, "result");
        // subtype can say "success" while is_error is true (a 401 with retries off): trust is_error.
        boolean failed = Json.isTrue(json, "is_error") || String.valueOf(Json.text(json, "subtype")).startsWith("error");
        if (failed) {
            String message = result != null ? result : "claude stopped: " + Json.text(json, "subtype");
            emit(new AgentEvent.Error(message, true, ErrorCodes.classify(message, Json.integer(json, "api_error_status"))));
        }
        emit(new AgentEvent.Done(failed ? DoneStatus.FAILED : DoneStatus.SUCCESS, result, null,
                Json.integer(json, "num_turns"), Json.number(json, "duration_ms")));
    }

    private static String filePath(JsonNode input) {
        return Json.text(input, "file_path") != null ? Json.text(input, "file_path") : Json.text(input, "notebook_path");
    }
}
