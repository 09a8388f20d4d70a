package dev.baton.query.support;

/** A projection's writes for one batch of events, written together just before the batch's transaction commits. */
public interface ReadModelBatch {

    void flush();

    /** Runs once the batch's transaction has committed. */
    default void afterCommit() {
    }

    /** Runs last, whether the batch's transaction committed or rolled back. */
    default void cleanup() {
    }
}
