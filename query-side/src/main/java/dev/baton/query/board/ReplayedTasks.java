package dev.baton.query.board;

import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live task rows of a generation being replayed, and its boards' positions, held in memory: a replay changes
 * almost every task in every batch, and writing each task's row once per batch was most of its cost. The rows go to the table in one go when
 * the generation is served, or earlier once there are more than a limit; from then on the table holds them. A batch
 * holds the lock from writing its changes until it is over, so that the rows are never written out between a
 * batch's commit and the memory taking its changes in.
 */
final class ReplayedTasks implements TaskRows {

    private final int gen;
    private final TaskTable table;
    private final int limit;
    private final Runnable onWrittenOut;
    private final Map<String, LiveTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Long> boards = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean writtenOut;
    private Changes staged;
    private boolean writtenOutByBatch;

    /**
     * @param onWrittenOut runs in the transaction that writes the rows out
     */
    ReplayedTasks(int gen, TaskTable table, int limit, Runnable onWrittenOut) {
        this.gen = gen;
        this.table = table;
        this.limit = limit;
        this.onWrittenOut = onWrittenOut;
    }

    int generation() {
        return gen;
    }

    boolean writtenOut() {
        return writtenOut;
    }

    @Override
    public Map<String, LiveTask> read(Collection<String> taskIds) {
        if (writtenOut) {
            return table.read(taskIds);
        }
        Map<String, LiveTask> rows = new HashMap<>();
        taskIds.forEach(id -> {
            LiveTask row = tasks.get(id);
            if (row != null) {
                rows.put(id, row);
            }
        });
        return rows;
    }

    @Override
    public List<String> idsOfProject(String projectId) {
        if (writtenOut) {
            return table.idsOfProject(projectId);
        }
        return tasks.values().stream().filter(row -> row.state().projectId().equals(projectId)).map(LiveTask::taskId)
                .toList();
    }

    @Override
    public void write(Changes changes) {
        lock.lock();
        if (writtenOut) {
            table.write(changes);
        } else if (tasks.size() + changes.inserted().size() > limit) {
            writeRows();
            writtenOutByBatch = true;
            table.write(changes);
        } else {
            staged = changes;
        }
    }

    @Override
    public void committed() {
        if (writtenOutByBatch) {
            written();
        } else if (staged != null) {
            staged.inserted().forEach(row -> tasks.put(row.taskId(), row));
            staged.updated().forEach(row -> tasks.put(row.taskId(), row));
            staged.deleted().forEach(tasks::remove);
            staged.boards().forEach((project, position) -> boards.merge(project, position, Math::max));
        }
    }

    @Override
    public void finished() {
        staged = null;
        writtenOutByBatch = false;
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    /** Writes the rows out (unless a batch did) and runs {@code switchGeneration}, in one transaction, between batches. */
    void serve(TransactionTemplate transactions, Runnable switchGeneration) {
        lock.lock();
        try {
            transactions.executeWithoutResult(tx -> {
                if (!writtenOut) {
                    writeRows();
                }
                switchGeneration.run();
            });
            written();
        } finally {
            lock.unlock();
        }
    }

    private void writeRows() {
        table.write(new Changes(new ArrayList<>(tasks.values()), List.of(), List.of(), Map.copyOf(boards)));
        onWrittenOut.run();
    }

    private void written() {
        writtenOut = true;
        tasks.clear();
        boards.clear();
    }
}
