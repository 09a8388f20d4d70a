package dev.baton.runner.store;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes what is committed so far survive a crash of the server at once. The embedded H2 writes commits to its file
 * up to 500 ms later (writing each at once halves its command throughput); after the steps a restarted server must
 * find, a {@code CHECKPOINT} writes them now. PostgreSQL's commits are durable already: there this does nothing.
 */
@Component
public class DurableCommits {

    private final JdbcTemplate jdbc;
    private final boolean embeddedH2;

    public DurableCommits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.embeddedH2 = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                connection.getMetaData().getDatabaseProductName().equals("H2")));
    }

    public void now() {
        if (embeddedH2) {
            jdbc.execute("CHECKPOINT");
        }
    }
}
