package dev.baton.query.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/** Queries over a list of values ({@code where x in (...)}), in chunks that every database accepts. */
public final class SqlLists {

    private static final int CHUNK = 500;

    private SqlLists() {
    }

    /** Calls {@code query} once per chunk of values with the chunk's placeholders, {@code (?, ?, ...)}. */
    public static <T> void inChunks(List<T> values, BiConsumer<String, List<T>> query) {
        for (int from = 0; from < values.size(); from += CHUNK) {
            List<T> chunk = values.subList(from, Math.min(values.size(), from + CHUNK));
            query.accept("(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", chunk);
        }
    }

    /** The arguments of a query: the leading ones, then the chunk's values. */
    public static Object[] args(Object first, List<?> values) {
        List<Object> args = new ArrayList<>(values.size() + 1);
        args.add(first);
        args.addAll(values);
        return args.toArray();
    }
}
