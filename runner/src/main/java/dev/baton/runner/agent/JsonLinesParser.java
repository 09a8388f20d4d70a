package dev.baton.runner.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runner.agent.AgentEvent.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The base of the parsers for CLIs that print one JSON object per line with a {@code type} field. A line that is
 * not JSON is passed on as a system message (CLIs sometimes print plain notices); JSON of a type the subclass does
 * not know becomes a non-fatal error that quotes it.
 */
public abstract class JsonLinesParser extends OutputParser {

    private final String cliName;

    protected JsonLinesParser(String cliName) {
        this.cliName = cliName;
    }

    @Override
    protected final void parse(String stdoutLine) {
        if (stdoutLine.isBlank()) {
            return;
        }
        Optional<JsonNode> json = Json.object(stdoutLine);
        if (json.isEmpty()) {
            emit(new AgentEvent.Message(Role.SYSTEM, stdoutLine, null, null));
            return;
        }
        String type = Json.text(json.get(), "type");
        if (type == null || !onJson(type, json.get())) {
            emit(AgentEvent.Error.warning("unrecognised " + cliName + " output: " + shortened(stdoutLine)));
        }
    }

    /** Maps one line; returns false when the type is unknown (lines known to carry nothing return true). */
    protected abstract boolean onJson(String type, JsonNode json);

    /**
     * A to-do list in the shape Claude's TodoWrite and OpenCode's todowrite tools take:
     * {@code {"todos":[{"content":…,"status":"pending|in_progress|completed"}]}}.
     */
    protected static AgentEvent.Todo todoList(JsonNode toolInput) {
        List<AgentEvent.TodoItem> items = new ArrayList<>();
        for (JsonNode todo : toolInput.path("todos")) {
            items.add(new AgentEvent.TodoItem(Json.text(todo, "content"), "completed".equals(Json.text(todo, "status"))));
        }
        return new AgentEvent.Todo(items);
    }
}
