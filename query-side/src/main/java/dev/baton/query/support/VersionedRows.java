package dev.baton.query.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The history half of a read model: each change closes the row that was valid until now and opens a new one,
 * so that the state at any position or time is one indexed query away (time travel). A null {@code data} row
 * is a tombstone: it marks a removal for streams and is never valid at any moment.
 */
public final class VersionedRows {

    private final JdbcTemplate jdbc;
    private final String table;

    /** @param table a history table: (gen, subject_id, project_id, valid_from, valid_from_ts, valid_to, valid_to_ts, data) */
    public VersionedRows(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public void record(int gen, String subjectId, String projectId, long position, Instant at, String data) {
        Timestamp ts = Timestamp.from(at);
        jdbc.update("update " + table + " set valid_to = ?, valid_to_ts = ? where gen = ? and subject_id = ?"
                + " and valid_to is null", position, ts, gen, subjectId);
        boolean tombstone = data == null;
        jdbc.update("insert into " + table + " (gen, subject_id, project_id, valid_from, valid_from_ts, valid_to,"
                        + " valid_to_ts, data) values (?, ?, ?, ?, ?, ?, ?, ?)",
                gen, subjectId, projectId, position, ts, tombstone ? position : null, tombstone ? ts : null, data);
    }

    /** SQL condition (with three parameters: gen, position, position) for rows valid at a position. */
    public static String validAtPosition() {
        return "gen = ? and valid_from <= ? and (valid_to is null or valid_to > ?)";
    }

    /** SQL condition (with three parameters: gen, time, time) for rows valid at a time. */
    public static String validAtTime() {
        return "gen = ? and valid_from_ts <= ? and (valid_to_ts is null or valid_to_ts > ?)";
    }
}
