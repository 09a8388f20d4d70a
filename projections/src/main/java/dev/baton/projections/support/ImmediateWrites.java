package dev.baton.projections.support;

import dev.baton.query.support.ReadModelBatch;

/**
 * The batch of a projection that writes each change at once (rows that change rarely): nothing to flush, it only
 * carries the generation the batch writes.
 */
public record ImmediateWrites(int gen) implements ReadModelBatch {

    @Override
    public void flush() {
        // every change was written when its event was handled
    }
}
