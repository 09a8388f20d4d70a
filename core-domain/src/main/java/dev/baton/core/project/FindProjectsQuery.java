package dev.baton.core.project;

/**
 * Projects in creation order after a cursor; archived ones only when asked. With a {@code viewerId} (accounts on),
 * only the projects that user may see: theirs, their teams', and for an administrator those without owner.
 */
public record FindProjectsQuery(long afterPosition, int limit, boolean includeArchived, String viewerId,
                                boolean viewerIsAdmin) {

    public FindProjectsQuery(long afterPosition, int limit, boolean includeArchived) {
        this(afterPosition, limit, includeArchived, null, false);
    }
}
