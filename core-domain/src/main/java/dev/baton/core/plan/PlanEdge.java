package dev.baton.core.plan;

/**
 * An edge of a plan's canvas: {@code depends_on} means {@code from} needs {@code to} done first; {@code contains}
 * means {@code from} contains {@code to} (like {@code to}'s parent).
 */
public record PlanEdge(String from, String to, String kind) {

    public static final String DEPENDS_ON = "depends_on";
    public static final String CONTAINS = "contains";
}
