package dev.baton.query.board;

import dev.baton.query.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayedTasksTest {

    private static final int GEN = 2;
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private final TestDatabase db = new TestDatabase();
    private final TaskTable table = new TaskTable(db.jdbc, GEN);
    private final AtomicInteger writtenOut = new AtomicInteger();

    private ReplayedTasks replayed(int limit) {
        return new ReplayedTasks(GEN, table, limit, writtenOut::incrementAndGet);
    }

    static LiveTask task(String id, String column, long position) {
        return new LiveTask(new TaskState(id, "p", "Task " + id, null, List.of(), List.of(), null, null, List.of(), column,
                "hzzzzz", null, List.of(), List.of(), "idle", null, 0, AT, AT, 0, null, null, null), position, AT.plusSeconds(position), null);
    }

    /** Writes a batch's changes as a committed batch does. */
    private static void commit(ReplayedTasks replayed, TaskRows.Changes changes) {
        replayed.write(changes);
        replayed.committed();
        replayed.finished();
    }

    private static TaskRows.Changes inserted(LiveTask... tasks) {
        return new TaskRows.Changes(List.of(tasks), List.of(), List.of(), Map.of());
    }

    private int tableRows() {
        return db.jdbc.queryForObject("select count(*) from rm_task where gen = ?", Integer.class, GEN);
    }

    @Test
    void committedBatchesAreKeptInMemoryAndNotWrittenToTheTable() {
        ReplayedTasks replayed = replayed(100);

        commit(replayed, inserted(task("a", "todo", 1), task("b", "todo", 2)));
        commit(replayed, new TaskRows.Changes(List.of(), List.of(task("a", "done", 3)), List.of("b"), Map.of()));

        assertThat(replayed.read(List.of("a", "b"))).containsOnlyKeys("a");
        assertThat(replayed.read(List.of("a")).get("a").state().column()).isEqualTo("done");
        assertThat(replayed.idsOfProject("p")).containsExactly("a");
        assertThat(tableRows()).isZero();
    }

    @Test
    void aBatchThatRolledBackLeavesNothingBehind() {
        ReplayedTasks replayed = replayed(100);

        replayed.write(inserted(task("a", "todo", 1)));
        replayed.finished();

        assertThat(replayed.read(List.of("a"))).isEmpty();
    }

    @Test
    void servingWritesTheRowsAndTheBoardPositionsInTheSwitchingTransaction() {
        db.jdbc.update("insert into rm_project (gen, project_id, created_position, position, board_position, data)"
                + " values (?, 'p', 1, 1, 1, '{}')", GEN);
        ReplayedTasks replayed = replayed(100);
        commit(replayed, new TaskRows.Changes(List.of(task("a", "todo", 5)), List.of(), List.of(), Map.of("p", 5L)));

        replayed.serve(db.transactions, () -> db.jdbc.update("update projection_generation set serving_gen = ?", GEN));

        assertThat(tableRows()).isEqualTo(1);
        assertThat(db.jdbc.queryForObject("select board_position from rm_project", Long.class)).isEqualTo(5);
        assertThat(writtenOut).hasValue(1);
        assertThat(replayed.writtenOut()).isTrue();
        assertThat(replayed.read(List.of("a")).get("a").position()).isEqualTo(5);
    }

    @Test
    void aSwitchThatFailsKeepsTheRowsInMemory() {
        ReplayedTasks replayed = replayed(100);
        commit(replayed, inserted(task("a", "todo", 1)));

        assertThatThrownBy(() -> replayed.serve(db.transactions, () -> {
            throw new IllegalStateException("switch failed");
        })).hasMessage("switch failed");

        assertThat(tableRows()).isZero();
        assertThat(replayed.writtenOut()).isFalse();
        assertThat(replayed.read(List.of("a"))).containsOnlyKeys("a");
    }

    @Test
    void pastTheLimitABatchWritesEverythingOutAndTheTableHoldsTheRowsFromThen() {
        ReplayedTasks replayed = replayed(2);
        commit(replayed, inserted(task("a", "todo", 1), task("b", "todo", 2)));

        db.transactions.executeWithoutResult(tx -> replayed.write(inserted(task("c", "todo", 3))));
        replayed.committed();
        replayed.finished();

        assertThat(tableRows()).isEqualTo(3);
        assertThat(writtenOut).hasValue(1);
        assertThat(replayed.writtenOut()).isTrue();
        commit(replayed, new TaskRows.Changes(List.of(), List.of(task("a", "done", 4)), List.of("b"), Map.of()));
        assertThat(replayed.read(List.of("a", "b", "c"))).containsOnlyKeys("a", "c");
        assertThat(replayed.read(List.of("a")).get("a").state().column()).isEqualTo("done");
    }
}
