package dev.baton.core.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The agent CLIs (or platforms) an agent profile can drive; {@link #id()} is the API value. */
public enum AgentAdapter {
    COMMAND("command"),
    CODEX("codex"),
    CLAUDE_CODE("claude-code"),
    OPENCODE("opencode"),
    GEMINI("gemini"),
    MOXXY("moxxy");

    private final String id;

    AgentAdapter(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<AgentAdapter> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(AgentAdapter::id).toList();
    }
}
