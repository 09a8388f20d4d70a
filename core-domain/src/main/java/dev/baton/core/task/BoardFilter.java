package dev.baton.core.task;

import java.util.List;

/** Board filters; each list is any-of, an empty list does not filter. {@code q} searches title and description. */
public record BoardFilter(String q, List<String> labels, List<String> agents, List<String> statuses) {

    public static final BoardFilter NONE = new BoardFilter(null, List.of(), List.of(), List.of());
}
