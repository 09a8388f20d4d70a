package dev.baton.runner.moxxy;

/**
 * What a cancel did. moxxy does not stop the job's workers: they go on adding events, and a second {@code done}
 * event follows when they end, but the job stays {@code canceled}.
 */
public enum CancelOutcome {
    /** The job was active and is now {@code canceled}. */
    CANCELED,
    /** The job had already ended; nothing changed. */
    ALREADY_FINISHED
}
