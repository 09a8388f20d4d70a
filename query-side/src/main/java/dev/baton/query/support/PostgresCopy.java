package dev.baton.query.support;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Rows into a PostgreSQL table with {@code COPY ... FROM STDIN} (text format): PostgreSQL parses, plans and binds
 * nothing per row, which made a replay's inserts (a timeline entry and a history row per event) about a third
 * cheaper for PostgreSQL than multi-row {@code insert} statements with thousands of parameters.
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    static boolean supports(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    static void copy(Connection connection, String table, String columns, List<Object[]> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + columns + ") from stdin", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("copy into " + table + " failed", e);
        }
    }

    /** One value as COPY's text format reads it: \N for null, backslash escapes for the separators. */
    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Timestamp timestamp) {
            text.append(timestamp.toInstant());
        } else if (value instanceof Boolean bool) {
            text.append(bool ? 't' : 'f');
        } else if (value instanceof Number) {
            text.append(value);
        } else {
            String string = value.toString();
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    default -> text.append(c);
                }
            }
        }
    }
}
