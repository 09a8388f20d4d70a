package dev.baton.query.support;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Inserts many rows with few statements, {@code insert into t (...) values (...), (...), ...}, sent together: a
 * statement per row costs the database more than the row itself. On PostgreSQL the rows go in with {@code COPY}
 * ({@link PostgresCopy}), cheaper still.
 */
public final class MultiRowInsert {

    private static final int ROWS_PER_STATEMENT = 100;

    private MultiRowInsert() {
    }

    /** Inserts the rows (each with a value per column, in order) into {@code table (columns)}. */
    public static void insert(JdbcTemplate jdbc, String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        boolean copied = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            if (!PostgresCopy.supports(connection)) {
                return false;
            }
            PostgresCopy.copy(connection, table, columns, rows);
            return true;
        }));
        if (copied) {
            return;
        }
        int full = rows.size() - rows.size() % ROWS_PER_STATEMENT;
        List<Object[]> statements = new ArrayList<>();
        for (int from = 0; from < full; from += ROWS_PER_STATEMENT) {
            statements.add(values(rows.subList(from, from + ROWS_PER_STATEMENT)));
        }
        jdbc.batchUpdate(sql(table, columns, rows.get(0).length, ROWS_PER_STATEMENT), statements);
        if (full < rows.size()) {
            jdbc.update(sql(table, columns, rows.get(0).length, rows.size() - full), values(rows.subList(full, rows.size())));
        }
    }

    private static String sql(String table, String columns, int width, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        return "insert into " + table + " (" + columns + ") values " + String.join(", ", Collections.nCopies(rows, row));
    }

    private static Object[] values(List<Object[]> rows) {
        return rows.stream().flatMap(Arrays::stream).toArray();
    }
}
