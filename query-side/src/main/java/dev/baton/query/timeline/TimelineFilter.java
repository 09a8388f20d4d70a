package dev.baton.query.timeline;

import java.time.Instant;

/** Narrows the timeline; null fields do not filter. Times are [from, until); positions end before {@code beforePosition}. */
public record TimelineFilter(String projectId, String aggregateId, String aggregateType, String type, String user,
                             Instant from, Instant until, Long beforePosition) {

    public static final TimelineFilter ALL = new TimelineFilter(null, null, null, null, null, null, null, null);
}
