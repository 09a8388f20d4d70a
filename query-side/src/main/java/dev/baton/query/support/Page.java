package dev.baton.query.support;

import java.util.List;

/** One page of a list and the cursor of the next page (null on the last). */
public record Page<T>(List<T> items, String next) {

    public static <T> Page<T> of(List<T> items, int limit, java.util.function.Function<T, String> cursor) {
        if (items.size() > limit) {
            List<T> page = items.subList(0, limit);
            return new Page<>(List.copyOf(page), cursor.apply(page.get(limit - 1)));
        }
        return new Page<>(List.copyOf(items), null);
    }
}
