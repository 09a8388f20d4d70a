package dev.baton.query.timeline;

import java.time.Instant;

/**
 * Narrows the timeline; null fields do not filter. Times are [from, until); positions end before {@code beforePosition}.
 * With a {@code viewerId} (accounts on) only the events of projects that user may see are left, with their own
 * account's and their teams' events, and for an administrator also every event that belongs to no project (accounts,
 * teams, agent profiles, connections).
 */
public record TimelineFilter(String projectId, String aggregateId, String aggregateType, String type, String user,
                             Instant from, Instant until, Long beforePosition, String viewerId, boolean viewerIsAdmin) {

    public static final TimelineFilter ALL = new TimelineFilter(null, null, null, null, null, null, null, null);

    public TimelineFilter(String projectId, String aggregateId, String aggregateType, String type, String user,
                          Instant from, Instant until, Long beforePosition) {
        this(projectId, aggregateId, aggregateType, type, user, from, until, beforePosition, null, false);
    }

    /** The same filter, for what {@code userId} may see (null: everything). */
    public TimelineFilter seenBy(String userId, boolean admin) {
        return new TimelineFilter(projectId, aggregateId, aggregateType, type, user, from, until, beforePosition, userId,
                admin);
    }
}
