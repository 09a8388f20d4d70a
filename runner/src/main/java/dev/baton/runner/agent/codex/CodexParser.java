package dev.baton.runner.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.ChangeKind;
import dev.baton.runner.agent.AgentEvent.CommandStatus;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.FileChangeStatus;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.ToolStatus;
import dev.baton.runner.agent.AgentEvent.Usage;
import dev.baton.runner.agent.ErrorCodes;
import dev.baton.runner.agent.Json;
import dev.baton.runner.agent.JsonLinesParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code codex exec --json}: {@code thread.started}, {@code item.started|updated|completed} and
 * {@code turn.completed|failed}. Items keep their {@code item_N} id from start to completion.
 */
final class CodexParser extends JsonLinesParser {

    /** The thread's running totals as last reported; Codex's usage counts the whole thread, we report deltas. */
    private Usage threadTotals;

    CodexParser(Usage usageSoFar) {
        super("codex");
        this.threadTotals = usageSoFar;
    }

    @Override
    protected boolean onJson(String type, JsonNode json) {
        switch (type) {
            case "thread.started" -> emit(new AgentEvent.Session(Json.text(json, "thread_id"), null, null));
            case "turn.started", "item.plan.delta" -> {
                // nothing to show: the turn is implied, plan deltas are followed by the whole todo_list item
            }
            case "item.started", "item.updated", "item.completed" -> {
                return onItem(json.path("item"), type.equals("item.completed"));
            }
            case "turn.completed" -> {
                if (json.path("usage").isObject()) {
                    emit(usageDelta(json.path("usage")));
                }
                emit(AgentEvent.Done.of(DoneStatus.SUCCESS, null));
            }
            case "turn.failed" -> {
                String message = Json.text(json.path("error"), "message");
                emit(new AgentEvent.Error(message, true, ErrorCodes.classify(message, null)));
                emit(AgentEvent.Done.of(DoneStatus.FAILED, message));
            }
            // Top-level errors are retries ("Reconnecting... 1/5") or the failure turn.failed repeats: never fatal.
            case "error" -> emit(error(Json.text(json, "message")));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean onItem(JsonNode item, boolean completed) {
        String id = Json.text(item, "id");
        String status = Json.text(item, "status");
        switch (String.valueOf(Json.text(item, "type"))) {
            // Messages and reasoning arrive whole in exec mode; their start, if any, carries nothing new.
            case "agent_message", "plan" -> {
                if (completed) {
                    emit(new AgentEvent.Message(Role.ASSISTANT, Json.text(item, "text"), null, id));
                }
            }
            case "reasoning" -> {
                if (completed) {
                    emit(new AgentEvent.Reasoning(Json.text(item, "text"), null, id));
                }
            }
            case "command_execution" -> emit(new AgentEvent.Command(id, Json.text(item, "command"),
                    commandStatus(status, completed), Json.integer(item, "exit_code"),
                    nonEmpty(Json.text(item, "aggregated_output"))));
            case "file_change" -> emit(new AgentEvent.FileChange(id, changes(item.path("changes")),
                    fileChangeStatus(status, completed)));
            case "todo_list" -> emit(todo(item.path("items")));
            case "mcp_tool_call" -> emit(new AgentEvent.ToolCall(id,
                    Json.text(item, "server") + "." + Json.text(item, "tool"), Json.orNull(item.path("arguments")),
                    toolStatus(status, completed), Json.contentText(item.path("result").path("content")),
                    Json.text(item.path("error"), "message")));
            case "web_search" -> emit(new AgentEvent.ToolCall(id, "web_search", item,
                    toolStatus(status, completed), null, null));
            case "collab_tool_call" -> emit(new AgentEvent.ToolCall(id,
                    firstNonNull(Json.text(item, "tool"), "collab_tool_call"), item, toolStatus(status, completed),
                    null, null));
            case "error" -> emit(error(Json.text(item, "message")));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static AgentEvent.Error error(String message) {
        return new AgentEvent.Error(message, false, ErrorCodes.classify(message, null));
    }

    /** The tokens spent since the last report; a total smaller than before means it is not the same thread's. */
    private Usage usageDelta(JsonNode usage) {
        Usage now = new Usage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                usage.path("cached_input_tokens").asLong(), usage.path("reasoning_output_tokens").asLong(), null, true);
        Usage before = threadTotals;
        threadTotals = now;
        if (before == null || now.inputTokens() < before.inputTokens() || now.outputTokens() < before.outputTokens()) {
            return new Usage(now.inputTokens(), now.outputTokens(), now.cachedInputTokens(), now.reasoningTokens(),
                    null, false);
        }
        return new Usage(now.inputTokens() - before.inputTokens(), now.outputTokens() - before.outputTokens(),
                minus(now.cachedInputTokens(), before.cachedInputTokens()),
                minus(now.reasoningTokens(), before.reasoningTokens()), null, false);
    }

    private static Long minus(Long now, Long before) {
        return Math.max(0, now - (before == null ? 0 : before));
    }

    private static List<AgentEvent.Change> changes(JsonNode changes) {
        List<AgentEvent.Change> result = new ArrayList<>();
        for (JsonNode change : changes) {
            String kind = String.valueOf(Json.text(change, "kind")).toUpperCase(Locale.ROOT);
            result.add(new AgentEvent.Change(Json.text(change, "path"),
                    kind.equals("ADD") || kind.equals("DELETE") ? ChangeKind.valueOf(kind) : ChangeKind.UPDATE));
        }
        return result;
    }

    private static AgentEvent.Todo todo(JsonNode items) {
        List<AgentEvent.TodoItem> todos = new ArrayList<>();
        for (JsonNode item : items) {
            todos.add(new AgentEvent.TodoItem(Json.text(item, "text"), Json.isTrue(item, "completed")));
        }
        return new AgentEvent.Todo(todos);
    }

    private static CommandStatus commandStatus(String status, boolean completed) {
        return switch (String.valueOf(status)) {
            case "in_progress" -> CommandStatus.STARTED;
            case "completed" -> CommandStatus.COMPLETED;
            case "failed" -> CommandStatus.FAILED;
            case "declined" -> CommandStatus.DECLINED;
            default -> completed ? CommandStatus.COMPLETED : CommandStatus.STARTED;
        };
    }

    private static FileChangeStatus fileChangeStatus(String status, boolean completed) {
        return switch (String.valueOf(status)) {
            case "in_progress" -> FileChangeStatus.STARTED;
            case "completed" -> FileChangeStatus.COMPLETED;
            case "failed" -> FileChangeStatus.FAILED;
            default -> completed ? FileChangeStatus.COMPLETED : FileChangeStatus.STARTED;
        };
    }

    private static ToolStatus toolStatus(String status, boolean completed) {
        return switch (String.valueOf(status)) {
            case "in_progress" -> ToolStatus.STARTED;
            case "completed" -> ToolStatus.COMPLETED;
            case "failed" -> ToolStatus.FAILED;
            case "declined" -> ToolStatus.DENIED;
            default -> completed ? ToolStatus.COMPLETED : ToolStatus.STARTED;
        };
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String firstNonNull(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
