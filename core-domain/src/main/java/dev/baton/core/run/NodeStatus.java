package dev.baton.core.run;

import java.util.Locale;

/**
 * Where a task of a run is: {@code pending} (waiting for its dependencies, a free agent or a resume), {@code running}
 * (an attempt's agent or gates at work), {@code review} (its attempt waits for approval or for the merge queue),
 * {@code done} (merged into the target branch), {@code failed}, {@code blocked} (a task it depends on failed or was
 * stopped), {@code paused} or {@code stopped}.
 */
public enum NodeStatus {
    PENDING, RUNNING, REVIEW, DONE, FAILED, BLOCKED, PAUSED, STOPPED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Nothing more happens to the task in this run. */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == BLOCKED || this == STOPPED;
    }
}
