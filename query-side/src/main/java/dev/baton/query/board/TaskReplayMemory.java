package dev.baton.query.board;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReplayAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the live task rows of a board replay in memory ({@link ReplayedTasks}) and tells board batches where the
 * live rows of their generation are. A replay of the board whose memory is gone (the server restarted during it)
 * cannot continue: its batches are refused and the replay starts over.
 */
@Component
public class TaskReplayMemory implements ReplayAware {

    private static final Logger log = LoggerFactory.getLogger(TaskReplayMemory.class);
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;
    private final TransactionTemplate transactions;
    private final int limit;
    private volatile ReplayedTasks current;
    private volatile boolean lost;

    TaskReplayMemory(JdbcTemplate jdbc, ProjectionGenerations generations, TransactionTemplate transactions,
                     @Value("${baton.projections.board.replay-memory-tasks:50000}") int limit) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.transactions = transactions;
        this.limit = limit;
    }

    @Override
    public String projection() {
        return TaskReadModel.PROJECTION;
    }

    @Override
    public void replayStarting(int gen) {
        generations.holdInMemory(projection(), true);
        current = new ReplayedTasks(gen, new TaskTable(jdbc, gen), limit,
                () -> generations.holdInMemory(projection(), false));
        lost = false;
    }

    @Override
    public void serveReplayed(Runnable switchGeneration) {
        ReplayedTasks replayed = current;
        if (replayed == null || replayed.writtenOut()) {
            transactions.executeWithoutResult(tx -> switchGeneration.run());
        } else {
            replayed.serve(transactions, switchGeneration);
        }
    }

    @Override
    public boolean replayLost() {
        return lost;
    }

    /** Where the live task rows of this generation are, for a batch writing it (the writing generation). */
    TaskRows rows(int gen) {
        ReplayedTasks replayed = current;
        if (replayed != null && replayed.generation() == gen) {
            return replayed;
        }
        if (generations.heldInMemory(projection())) {
            lost = true;
            log.warn("The board replay into generation {} kept its task rows in memory, which is gone: it starts over", gen);
            throw new IllegalStateException("the board replay into generation " + gen + " lost its memory");
        }
        return new TaskTable(jdbc, gen);
    }
}
