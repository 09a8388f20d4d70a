package dev.baton.query.run;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A task of a run as the diagram shows it. {@code state} is where its work is (pending, running, review, done, failed,
 * blocked, stopped); {@code status} is what the diagram shows: {@code paused} while a person has paused it, else its
 * state. {@code attempts} counts the attempts the run started for it; {@code reason} says why it failed, was
 * stopped or goes round again; {@code blockedBy} is the failed or stopped task that keeps it from running.
 */
public record RunNodeView(String taskId, String key, String title, List<String> dependsOn, String state, boolean paused,
                          String attemptId, int attempts, String reason, String blockedBy, boolean merging) {

    public static RunNodeView pending(String taskId, String key, String title, List<String> dependsOn) {
        return new RunNodeView(taskId, key, title, dependsOn, "pending", false, null, 0, null, null, false);
    }

    @JsonProperty("status")
    public String status() {
        return paused && (state.equals("pending") || state.equals("running")) ? "paused" : state;
    }

    public RunNodeView withState(String newState, String newAttemptId, String newReason) {
        return new RunNodeView(taskId, key, title, dependsOn, newState, paused,
                newAttemptId != null ? newAttemptId : attemptId, attempts, newReason, blockedBy, false);
    }

    public RunNodeView started(String newAttemptId, int number) {
        return new RunNodeView(taskId, key, title, dependsOn, "running", paused, newAttemptId, number, reason, null,
                false);
    }

    public RunNodeView blockedBy(String cause) {
        return new RunNodeView(taskId, key, title, dependsOn, "blocked", paused, attemptId, attempts, reason, cause,
                false);
    }

    public RunNodeView withPaused(boolean newPaused) {
        return new RunNodeView(taskId, key, title, dependsOn, state, newPaused, attemptId, attempts, reason, blockedBy,
                merging);
    }

    public RunNodeView mergeRequested() {
        return new RunNodeView(taskId, key, title, dependsOn, state, paused, attemptId, attempts, reason, blockedBy,
                true);
    }
}
