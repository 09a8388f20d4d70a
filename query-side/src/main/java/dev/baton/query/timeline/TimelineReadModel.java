package dev.baton.query.timeline;

import dev.baton.query.access.AccessDirectory;
import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage of the timeline index: every event with its position, type, aggregate, project, payload and metadata, keyed
 * by {@link #key}. The events of one aggregate are found with the event store's index by aggregate (an index of the
 * timeline by aggregate, inserted into at thousands of places at once, made a replay several times slower on H2).
 */
@Component
public class TimelineReadModel {

    public static final String PROJECTION = "timeline";
    private static final String COLUMNS = "position, event_id, event_type, aggregate_type, aggregate_id, sequence_number,"
            + " event_time, project_id, payload, metadata";
    private static final RowMapper<TimelineEntry> ROW = (rs, i) -> new TimelineEntry(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getTimestamp(7).toInstant(),
            rs.getString(8), ReadModelJson.tree(rs.getString(9)), ReadModelJson.tree(rs.getString(10)));

    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public TimelineReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** The writes of one batch of events into the given generation. */
    public TimelineBatch batch(int gen) {
        return new TimelineBatch(jdbc, gen);
    }

    /**
     * The key of an entry: its generation in the high bits, its position in the low 40 (a trillion events), so that
     * the entries of one generation are one range of keys, in store order (see V7__timeline_keyed_by_one_bigint.sql).
     */
    public static long key(int gen, long position) {
        return ((long) gen << 40) + position;
    }

    /** Entries after the cursor position that match the filter, in store order, one more than asked. */
    public List<TimelineEntry> entries(TimelineFilter filter, long afterPosition, int limit) {
        int gen = serving();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from rm_timeline where entry_key > ? and entry_key < ?");
        List<Object> args = new ArrayList<>(List.of(key(gen, afterPosition), key(gen + 1, 0)));
        condition(sql, args, "project_id", filter.projectId());
        if (filter.aggregateId() != null) {
            // the store's own index finds an aggregate's events: a timeline position is an event's global index
            sql.append(" and entry_key in (select cast(? as bigint) + global_index from domain_event_entry where aggregate_identifier = ?)");
            args.add(key(gen, 0));
            args.add(filter.aggregateId());
        }
        condition(sql, args, "aggregate_type", filter.aggregateType());
        condition(sql, args, "event_type", filter.type());
        condition(sql, args, "acting_user", filter.user());
        if (filter.from() != null) {
            sql.append(" and event_time >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.until() != null) {
            sql.append(" and event_time < ?");
            args.add(Timestamp.from(filter.until()));
        }
        if (filter.beforePosition() != null) {
            sql.append(" and entry_key < ?");
            args.add(key(gen, filter.beforePosition()));
        }
        if (filter.viewerId() != null) {
            seenBy(sql, args, filter.viewerId(), filter.viewerIsAdmin());
        }
        sql.append(" order by entry_key limit ?");
        args.add(limit + 1);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /**
     * Only what the viewer may see: events of their projects, found by the entry's project or, for events that do not
     * name it (an attempt's, a run's), by the project their aggregate is filed under in {@code acc_resource}; their own
     * account's and their teams' events; for an administrator also every event of no project (accounts, teams, agent
     * profiles).
     */
    private static void seenBy(StringBuilder sql, List<Object> args, String viewerId, boolean admin) {
        String filed = "select 1 from acc_resource r where r.resource_id = aggregate_id";
        sql.append(" and (").append(AccessDirectory.visibleProjects("project_id", admin))
                .append(" or (project_id is null and (exists (").append(filed).append(" and ")
                .append(AccessDirectory.visibleProjects("r.project_id", admin)).append(")")
                .append(admin ? " or not exists (" + filed + ")" : "")
                .append(" or aggregate_id = ? or aggregate_id in (select team_id from acc_team_member where user_id = ?)")
                .append(")))");
        args.addAll(List.of(viewerId, viewerId, viewerId, viewerId, viewerId, viewerId));
    }

    public long lastPosition() {
        int gen = serving();
        return jdbc.query("select position from rm_timeline where entry_key > ? and entry_key < ?"
                        + " order by entry_key desc fetch first 1 rows only", (rs, n) -> rs.getLong(1),
                key(gen, 0), key(gen + 1, 0)).stream().findFirst().orElse(0L);
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
