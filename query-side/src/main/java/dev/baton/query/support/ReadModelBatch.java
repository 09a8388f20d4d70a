package dev.baton.query.support;

/** A projection's writes for one batch of events, written together just before the batch's transaction commits. */
public interface ReadModelBatch {

    void flush();
}
