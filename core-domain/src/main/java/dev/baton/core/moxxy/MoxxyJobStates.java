package dev.baton.core.moxxy;

import dev.baton.core.common.DomainException;

import java.util.List;

/**
 * moxxy's job states and what they mean for the tasks linked to a job (seed 000 §5.3, and the states moxxy really
 * has: {@code shared/reference/moxxy-api.md}): every state before an end is {@code running}; {@code completed} is
 * {@code done}, {@code failed} {@code failed}, {@code canceled} {@code stopped}.
 */
public final class MoxxyJobStates {

    public static final List<String> ACTIVE = List.of("queued", "planning", "plugin_pre_dispatch", "dispatching",
            "executing", "replanning", "reviewing", "merge_pending", "merging");
    public static final List<String> TERMINAL = List.of("completed", "failed", "canceled");

    private MoxxyJobStates() {
    }

    /** The status of a task linked to a job in {@code state}. */
    public static String taskStatus(String state) {
        if (ACTIVE.contains(state)) {
            return "running";
        }
        return switch (checked(state)) {
            case "completed" -> "done";
            case "failed" -> "failed";
            default -> "stopped";
        };
    }

    public static boolean isTerminal(String state) {
        return TERMINAL.contains(checked(state));
    }

    private static String checked(String state) {
        if (!ACTIVE.contains(state) && !TERMINAL.contains(state)) {
            throw DomainException.invalidField("state", "moxxy has no job state " + state);
        }
        return state;
    }
}
