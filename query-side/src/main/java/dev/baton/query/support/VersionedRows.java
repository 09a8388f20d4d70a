package dev.baton.query.support;

/**
 * The history half of a read model (time travel). A history table holds one row per state of a subject:
 * {@code (gen, subject_id, project_id, valid_from, valid_from_ts, valid_to, valid_to_ts, data)}, valid from the
 * store position (and time) of the change until the next change of the same subject. A row with null
 * {@code data} is a tombstone: it marks a removal for streams and is valid at no moment. These conditions select
 * the rows valid at one moment.
 */
public final class VersionedRows {

    private VersionedRows() {
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
