package dev.baton.core.project;

/** Projects in creation order after a cursor; archived ones only when asked. */
public record FindProjectsQuery(long afterPosition, int limit, boolean includeArchived) {
}
