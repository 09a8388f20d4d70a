package dev.baton.query.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Blue/green read models. Every read-model row carries the generation that wrote it. Reads use a
 * projection's serving generation; its event handlers write the writing generation. They are equal
 * while live; a replay writes a fresh generation from the first event while reads keep answering
 * from the old one, and the switch happens once the replay has caught up.
 */
@Component
public class ProjectionGenerations {

    private final JdbcTemplate jdbc;

    public ProjectionGenerations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int serving(String projection) {
        return read("serving_gen", projection);
    }

    public int writing(String projection) {
        return read("writing_gen", projection);
    }

    /** Starts a new writing generation, emptied of anything an earlier, interrupted replay left. */
    public int beginReplay(String projection, String... tables) {
        int next = Math.max(serving(projection), writing(projection)) + 1;
        for (String table : tables) {
            jdbc.update("delete from " + table + " where gen = ?", next);
        }
        jdbc.update("update projection_generation set writing_gen = ? where name = ?", next, projection);
        return next;
    }

    /**
     * Serves the generation a finished replay wrote. The generation it replaces is dropped only when the next
     * replay finishes: a read that looked up the serving generation just before the switch must still find its
     * rows (dropping them at once made such reads answer 404 for a project that exists).
     */
    public void finishReplay(String projection, String... tables) {
        int old = serving(projection);
        int fresh = writing(projection);
        if (old == fresh) {
            return;
        }
        jdbc.update("update projection_generation set serving_gen = ? where name = ?", fresh, projection);
        for (String table : tables) {
            jdbc.update("delete from " + table + " where gen < ?", old);
        }
    }

    /** Whether a replay keeps the writing generation's live rows in memory (see {@link ReplayAware}). */
    public boolean heldInMemory(String projection) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select held_in_memory from projection_generation where name = ?",
                Boolean.class, projection));
    }

    public void holdInMemory(String projection, boolean held) {
        jdbc.update("update projection_generation set held_in_memory = ? where name = ?", held, projection);
    }

    public boolean replaying(String projection) {
        return serving(projection) != writing(projection);
    }

    private int read(String column, String projection) {
        Integer gen = jdbc.queryForObject("select " + column + " from projection_generation where name = ?",
                Integer.class, projection);
        if (gen == null) {
            throw new IllegalStateException("unknown projection " + projection);
        }
        return gen;
    }
}
