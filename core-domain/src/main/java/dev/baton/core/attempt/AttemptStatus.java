package dev.baton.core.attempt;

import java.util.Locale;

/**
 * Where an attempt is: {@code queued → running → gates_running → review_ready → (merging →) merged | pr_created},
 * plus {@code failed} and {@code cancelled} from any state that is not terminal. Exactly one terminal state.
 */
public enum AttemptStatus {
    QUEUED, RUNNING, GATES_RUNNING, REVIEW_READY, MERGING, MERGED, PR_CREATED, FAILED, CANCELLED;

    /** The status as the API spells it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == MERGED || this == PR_CREATED || this == FAILED || this == CANCELLED;
    }

    /** A person can cancel an attempt until its agent and gates are done. */
    public boolean isCancellable() {
        return this == QUEUED || this == RUNNING || this == GATES_RUNNING;
    }
}
