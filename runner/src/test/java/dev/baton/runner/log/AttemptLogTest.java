package dev.baton.runner.log;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The attempt log on a real (in-memory H2) database, written by two nodes that share it. */
class AttemptLogTest {

    private final DriverManagerDataSource database = new DriverManagerDataSource(
            "jdbc:h2:mem:attempt-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    AttemptLogTest() {
        // as V9__attempt_runner.sql makes it on H2
        jdbc.execute("create table attempt_log (attempt_id varchar(36) not null, seq bigint not null,"
                + " ts_ms bigint not null, kind varchar(20) not null, payload character varying not null,"
                + " constraint pk_attempt_log primary key (attempt_id, seq))");
    }

    private AttemptLog node() {
        return new AttemptLog(jdbc, new DataSourceTransactionManager(database));
    }

    @Test
    void twoNodesAppendingToOneAttemptLoseNothingAndNumberItInOrder() {
        AttemptLog runner = node();
        AttemptLog statusWriter = node();
        String attemptId = UUID.randomUUID().toString();
        runner.append(attemptId, LogEntry.status(null, "queued"));
        statusWriter.append(attemptId, LogEntry.status("queued", "running"));
        runner.append(attemptId, LogEntry.status("running", "gates_running"), LogEntry.status("gates_running", "x"));
        statusWriter.append(attemptId, LogEntry.status("x", "review_ready"));

        List<Long> seqs = jdbc.queryForList("select seq from attempt_log where attempt_id = ? order by seq", Long.class,
                attemptId);
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(node().after(attemptId, 0, 10)).hasSize(5);
    }
}
