package dev.baton.query.timeline;

import dev.baton.query.support.MultiRowInsert;
import dev.baton.query.support.ReadModelBatch;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The timeline entries of one batch of events, inserted together before the commit. */
public final class TimelineBatch implements ReadModelBatch {

    private final JdbcTemplate jdbc;
    private final int gen;
    private final List<Object[]> rows = new ArrayList<>();

    public TimelineBatch(JdbcTemplate jdbc, int gen) {
        this.jdbc = jdbc;
        this.gen = gen;
    }

    public void add(TimelineRow e) {
        rows.add(new Object[]{TimelineReadModel.key(gen, e.position()), gen, e.position(), e.eventId(), e.type(), e.aggregateType(), e.aggregateId(), e.sequence(),
                Timestamp.from(e.timestamp()), e.projectId(), e.payload(), e.metadata(), e.user()});
    }

    @Override
    public void flush() {
        MultiRowInsert.insert(jdbc, "rm_timeline", "entry_key, gen, position, event_id, event_type, aggregate_type, aggregate_id,"
                + " sequence_number, event_time, project_id, payload, metadata, acting_user", rows);
    }
}
