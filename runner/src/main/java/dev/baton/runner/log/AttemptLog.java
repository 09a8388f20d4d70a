package dev.baton.runner.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The append-only log of every attempt ({@code attempt_log}): each entry gets the attempt's next sequence number,
 * handed out here per attempt, continuing from the stored maximum after a restart. Mostly one node appends to an
 * attempt's log, but not only: the status lines are written by the node that handles the attempt's events, which may
 * not be the one running it. A number another node took meanwhile makes the append start again after the stored
 * maximum. Listeners hear of each append once it is committed.
 */
@Component
public class AttemptLog {

    /** Appends that find their numbers taken, one after the other, before giving up. */
    private static final int MAX_TRIES = 5;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, long[]> lastSeq = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public AttemptLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        // Each append commits before the next number is handed out, also when called from an event handler's
        // transaction: a reader never sees a number before all smaller ones are committed, so it skips none.
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Calls {@code listener} with the attempt's id after each committed append. */
    public void onAppend(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void append(String attemptId, LogEntry... entries) {
        append(attemptId, List.of(entries), () -> {
        });
    }

    /**
     * Appends the entries in one transaction, together with {@code alsoInTransaction} (the runner records there how
     * far it has read the agent's output, so that lines are stored exactly once even across a crash).
     */
    public void append(String attemptId, List<LogEntry> entries, Runnable alsoInTransaction) {
        long[] last = lastSeq.computeIfAbsent(attemptId, id -> new long[]{storedLastSeq(id)});
        synchronized (last) {
            long ts = Instant.now().toEpochMilli();
            for (int attempt = 1; ; attempt++) {
                try {
                    last[0] = store(attemptId, entries, ts, last[0], alsoInTransaction);
                    break;
                } catch (DuplicateKeyException takenByAnotherNode) {
                    // another node appended to this attempt's log (the runner's status lines and the execution may
                    // run on different nodes): continue after what is stored now
                    if (attempt == MAX_TRIES) {
                        throw takenByAnotherNode;
                    }
                    last[0] = storedLastSeq(attemptId);
                }
            }
        }
        if (!entries.isEmpty()) {
            listeners.forEach(listener -> listener.accept(attemptId));
        }
    }

    /** Stores the entries after {@code after} in one transaction; answers the last sequence number used. */
    private long store(String attemptId, List<LogEntry> entries, long ts, long after, Runnable alsoInTransaction) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        long seq = after;
        for (LogEntry entry : entries) {
            rows.add(new Object[]{attemptId, ++seq, ts, entry.kind(), write(entry)});
        }
        transactions.executeWithoutResult(status -> {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("insert into attempt_log (attempt_id, seq, ts_ms, kind, payload) values (?, ?, ?, ?, ?)",
                        rows);
            }
            alsoInTransaction.run();
        });
        return seq;
    }

    /** The messages after {@code afterSeq}, in order, at most {@code limit}. */
    public List<LogMessage> after(String attemptId, long afterSeq, int limit) {
        return jdbc.query("select seq, ts_ms, kind, payload from attempt_log where attempt_id = ? and seq > ?"
                + " order by seq fetch first " + limit + " rows only", messagesOf(attemptId), attemptId, afterSeq);
    }

    /** The last {@code count} messages, in order. */
    public List<LogMessage> last(String attemptId, int count) {
        List<LogMessage> messages = new ArrayList<>(jdbc.query("select seq, ts_ms, kind, payload from attempt_log"
                + " where attempt_id = ? order by seq desc fetch first " + count + " rows only", messagesOf(attemptId),
                attemptId));
        Collections.reverse(messages);
        return messages;
    }

    private static RowMapper<LogMessage> messagesOf(String attemptId) {
        return (rs, i) -> LogMessage.of(attemptId, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                read(rs.getString(4)));
    }

    /** Frees what is kept in memory for an attempt whose log is complete. */
    public void forget(String attemptId) {
        lastSeq.remove(attemptId);
    }

    private long storedLastSeq(String attemptId) {
        Long max = jdbc.queryForObject("select max(seq) from attempt_log where attempt_id = ?", Long.class, attemptId);
        return max == null ? 0 : max;
    }

    private static String write(LogEntry entry) {
        try {
            return LogEntry.JSON.writeValueAsString(entry.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log payload", e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String payload) {
        try {
            return LogEntry.JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored log payload is not JSON", e);
        }
    }
}
