package dev.baton.api.deadline;

import dev.baton.api.support.IntegrationTest;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines (used by the attempt and orchestration sagas) are stored in the database, so they survive restarts. */
class PersistentDeadlinesTest extends IntegrationTest {

    @Autowired
    private DeadlineManager deadlines;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;

    @Test
    void theDeadlineManagerIsDbSchedulerBacked() {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void aScheduledDeadlineIsARowUntilItIsCancelled() {
        String name = "runtime-limit-" + UUID.randomUUID();
        String id = transactions.execute(tx -> deadlines.schedule(Duration.ofHours(1), name, "payload",
                new AggregateScopeDescriptor("Task", UUID.randomUUID().toString())));

        assertThat(rowsFor(id)).isEqualTo(1);

        transactions.executeWithoutResult(tx -> deadlines.cancelSchedule(name, id));
        assertThat(rowsFor(id)).isZero();
    }

    private int rowsFor(String scheduleId) {
        Integer rows = jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
                scheduleId);
        return rows == null ? 0 : rows;
    }
}
