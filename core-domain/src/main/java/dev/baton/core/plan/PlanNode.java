package dev.baton.core.plan;

import java.util.List;

/**
 * A node of a plan's canvas: a {@code vision}, {@code module}, {@code ux}, {@code backend} or {@code task} item with
 * its key (unique in the plan), title, notes and acceptance criteria; {@code mvp} marks what the smallest product
 * needs; {@code parent} is the key of the node that contains it (null at the top).
 */
public record PlanNode(String key, String layer, String title, String notes, List<String> acceptanceCriteria,
                       boolean mvp, String parent) {

    public static final List<String> LAYERS = List.of("vision", "module", "ux", "backend", "task");

    public boolean isTask() {
        return "task".equals(layer);
    }

    public List<String> criteria() {
        return acceptanceCriteria == null ? List.of() : acceptanceCriteria;
    }
}
