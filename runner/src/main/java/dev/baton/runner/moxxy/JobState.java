package dev.baton.runner.moxxy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * An orchestration job's {@code status}. Seen from outside a job is {@code executing} right after its start, then
 * {@code completed}, {@code failed} or {@code canceled}; the other states are passed inside a single moxxy call.
 */
public enum JobState {
    QUEUED, PLANNING, PLUGIN_PRE_DISPATCH, DISPATCHING, EXECUTING, REPLANNING, REVIEWING, MERGE_PENDING, MERGING,
    COMPLETED, FAILED, CANCELED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
