package dev.baton.runner.agent.opencode;

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

import java.util.List;

/**
 * Reads {@code opencode run --format json}: every line is {@code {type, timestamp, sessionID, part|error}}. Tools are
 * printed once, when they have finished; tokens come per step. 1.18 prints no final event: the run is over when the
 * process exits, so a clean exit is a success.
 */
final class OpenCodeParser extends JsonLinesParser {

    OpenCodeParser() {
        super("opencode");
    }

    @Override
    protected boolean onJson(String type, JsonNode json) {
        String sessionId = Json.text(json, "sessionID");
        if (sessionId != null && sessionId().isEmpty()) {
            emit(new AgentEvent.Session(sessionId, null, null));
        }
        JsonNode part = json.path("part");
        switch (type) {
            case "step_start" -> {
                // a model call begins: nothing to show
            }
            case "text" -> emit(new AgentEvent.Message(Role.ASSISTANT, Json.text(part, "text"), null,
                    Json.text(part, "id")));
            case "reasoning" -> emit(new AgentEvent.Reasoning(Json.text(part, "text"), null, Json.text(part, "id")));
            case "tool_use" -> onTool(part);
            case "step_finish" -> onStepFinish(part);
            case "error" -> onError(json.path("error"));
            // printed by newer versions than 1.18 at the end of a run
            case "done" -> emit(AgentEvent.Done.of(DoneStatus.SUCCESS, null));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void onTool(JsonNode part) {
        String id = Json.text(part, "callID");
        String tool = String.valueOf(Json.text(part, "tool"));
        JsonNode state = part.path("state");
        JsonNode input = state.path("input");
        String status = String.valueOf(Json.text(state, "status"));
        boolean failed = status.equals("error");
        boolean finished = failed || status.equals("completed");
        switch (tool) {
            case "bash" -> emit(new AgentEvent.Command(id, Json.text(input, "command"),
                    failed ? CommandStatus.FAILED : finished ? CommandStatus.COMPLETED : CommandStatus.STARTED,
                    Json.integer(state.path("metadata"), "exit"), Json.text(state, "output")));
            // Tool parameters are from OpenCode's source (filePath); only bash was seen live.
            case "edit", "write" -> emit(new AgentEvent.FileChange(id,
                    List.of(new AgentEvent.Change(Json.text(input, "filePath"), ChangeKind.UPDATE)),
                    failed ? FileChangeStatus.FAILED : finished ? FileChangeStatus.COMPLETED : FileChangeStatus.STARTED));
            case "todowrite" -> emit(todoList(input));
            default -> emit(new AgentEvent.ToolCall(id, tool, Json.orNull(input),
                    failed ? ToolStatus.FAILED : finished ? ToolStatus.COMPLETED : ToolStatus.STARTED,
                    Json.text(state, "output"), Json.text(state, "error")));
        }
    }

    /** Tokens and cost of one model call; they add up over the run. */
    private void onStepFinish(JsonNode part) {
        JsonNode tokens = part.path("tokens");
        if (tokens.isObject()) {
            emit(new AgentEvent.Usage(tokens.path("input").asLong(), tokens.path("output").asLong(),
                    Json.number(tokens.path("cache"), "read"), Json.number(tokens, "reasoning"),
                    Json.decimal(part, "cost"), false));
        }
    }

    private void onError(JsonNode error) {
        JsonNode data = error.path("data");
        String message = Json.text(data, "message") != null ? Json.text(data, "message") : Json.text(error, "name");
        emit(new AgentEvent.Error(message, true, ErrorCodes.classify(message, Json.integer(data, "statusCode"))));
    }

    @Override
    protected DoneStatus cleanExitStatus() {
        return DoneStatus.SUCCESS;
    }
}
