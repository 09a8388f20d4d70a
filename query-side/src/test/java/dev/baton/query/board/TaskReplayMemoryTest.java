package dev.baton.query.board;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskReplayMemoryTest {

    private final TestDatabase db = new TestDatabase();
    private final ProjectionGenerations generations = new ProjectionGenerations(db.jdbc);

    private TaskReplayMemory memory() {
        return new TaskReplayMemory(db.jdbc, generations, db.transactions, 100);
    }

    @Test
    void aReplayKeepsTheRowsOfItsGenerationInMemoryAndSaysSo() {
        TaskReplayMemory memory = memory();
        int gen = generations.beginReplay("board", "rm_task");

        memory.replayStarting(gen);

        assertThat(memory.rows(gen)).isInstanceOf(ReplayedTasks.class);
        assertThat(generations.heldInMemory("board")).isTrue();
    }

    @Test
    void servingTheReplayWritesTheRowsOutAndClearsTheFlag() {
        TaskReplayMemory memory = memory();
        int gen = generations.beginReplay("board", "rm_task");
        memory.replayStarting(gen);
        ReplayedTasks rows = (ReplayedTasks) memory.rows(gen);
        rows.write(new TaskRows.Changes(List.of(ReplayedTasksTest.task("a", "todo", 1)), List.of(), List.of(), Map.of()));
        rows.committed();
        rows.finished();

        memory.serveReplayed(() -> generations.finishReplay("board", "rm_task"));

        assertThat(generations.replaying("board")).isFalse();
        assertThat(generations.heldInMemory("board")).isFalse();
        assertThat(db.jdbc.queryForObject("select count(*) from rm_task where gen = ?", Integer.class, gen)).isEqualTo(1);
    }

    @Test
    void aReplayWhoseMemoryIsGoneRefusesItsBatchesAndMustStartOver() {
        int gen = generations.beginReplay("board", "rm_task");
        memory().replayStarting(gen);
        TaskReplayMemory afterRestart = memory();

        assertThatThrownBy(() -> afterRestart.rows(gen)).isInstanceOf(IllegalStateException.class);
        assertThat(afterRestart.replayLost()).isTrue();

        afterRestart.replayStarting(generations.beginReplay("board", "rm_task"));
        assertThat(afterRestart.replayLost()).isFalse();
    }

    @Test
    void withoutAReplayTheTableHoldsTheRows() {
        assertThat(memory().rows(1)).isInstanceOf(TaskTable.class);
    }
}
