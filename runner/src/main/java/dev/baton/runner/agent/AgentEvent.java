package dev.baton.runner.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Locale;

/**
 * What an agent CLI did, in one shape for every CLI (reference agent-clis.md §6). Adapters turn each CLI's own
 * output into these; the UI shows them. With Jackson they serialize as snake_case objects with a {@code kind}
 * discriminator, optional fields left out when null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentEvent.Session.class, name = "session"),
        @JsonSubTypes.Type(value = AgentEvent.Message.class, name = "message"),
        @JsonSubTypes.Type(value = AgentEvent.Reasoning.class, name = "reasoning"),
        @JsonSubTypes.Type(value = AgentEvent.ToolCall.class, name = "tool_call"),
        @JsonSubTypes.Type(value = AgentEvent.Command.class, name = "command"),
        @JsonSubTypes.Type(value = AgentEvent.FileChange.class, name = "file_change"),
        @JsonSubTypes.Type(value = AgentEvent.Todo.class, name = "todo"),
        @JsonSubTypes.Type(value = AgentEvent.Usage.class, name = "usage"),
        @JsonSubTypes.Type(value = AgentEvent.Error.class, name = "error"),
        @JsonSubTypes.Type(value = AgentEvent.Done.class, name = "done")})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AgentEvent {

    /** A session started or was resumed; {@code sessionId} is what a follow-up resumes. */
    record Session(String sessionId, String model, String cwd) implements AgentEvent {
    }

    /** Text from the assistant (or the user's prompt echoed, or a system note); {@code delta} marks a chunk. */
    record Message(Role role, String text, Boolean delta, String id) implements AgentEvent {
        public static Message assistant(String text) {
            return new Message(Role.ASSISTANT, text, null, null);
        }
    }

    record Reasoning(String text, Boolean delta, String id) implements AgentEvent {
    }

    /** A tool other than a shell command, a file edit or a to-do list; {@code input} is the tool's own JSON. */
    record ToolCall(String id, String name, JsonNode input, ToolStatus status, String output, String error)
            implements AgentEvent {
    }

    record Command(String id, String command, CommandStatus status, Integer exitCode, String output)
            implements AgentEvent {
    }

    /** Files the agent changed; diffs, when a CLI gives none, come from git in the worktree. */
    record FileChange(String id, List<Change> changes, FileChangeStatus status) implements AgentEvent {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(String path, ChangeKind kind, String diff, String newPath) {
        public Change(String path, ChangeKind kind) {
            this(path, kind, null, null);
        }
    }

    /** The agent's whole to-do list as it is now. */
    record Todo(List<TodoItem> items) implements AgentEvent {
    }

    record TodoItem(String text, boolean done) {
    }

    /**
     * Tokens (and cost) spent. {@code cumulative} false means "spent since the previous usage event": add them up.
     * Every adapter here reports increments (Codex's running totals are turned into deltas).
     */
    record Usage(long inputTokens, long outputTokens, Long cachedInputTokens, Long reasoningTokens, Double costUsd,
                 boolean cumulative) implements AgentEvent {
    }

    /** {@code fatal} errors end the run; others (retries, warnings, stderr) are for the log. */
    record Error(String message, boolean fatal, ErrorCode code) implements AgentEvent {
        public static Error warning(String message) {
            return new Error(message, false, null);
        }
    }

    /** Exactly one per process run; {@code exitCode} is null when the CLI said it was done before it exited. */
    record Done(DoneStatus status, String resultText, Integer exitCode, Integer numTurns, Long durationMs)
            implements AgentEvent {
        public static Done of(DoneStatus status, String resultText) {
            return new Done(status, resultText, null, null, null);
        }
    }

    enum Role implements LowerCaseJson { ASSISTANT, USER, SYSTEM }

    enum ToolStatus implements LowerCaseJson { STARTED, COMPLETED, FAILED, DENIED }

    enum CommandStatus implements LowerCaseJson { STARTED, COMPLETED, FAILED, DECLINED }

    enum FileChangeStatus implements LowerCaseJson { STARTED, COMPLETED, FAILED }

    enum ChangeKind implements LowerCaseJson { ADD, UPDATE, DELETE, RENAME }

    enum ErrorCode implements LowerCaseJson { AUTH, RATE_LIMIT, CONTEXT, API, SPAWN }

    enum DoneStatus implements LowerCaseJson { SUCCESS, FAILED, CANCELLED }

    /** Enum constants are written (and read) as §6 spells them: {@code STARTED} as "started". */
    interface LowerCaseJson {
        String name();

        @JsonValue
        default String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
