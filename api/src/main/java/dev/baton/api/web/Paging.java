package dev.baton.api.web;

/** List parameters: {@code ?limit=} (default 50, 1-500) and the numeric cursor {@code ?after=}. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Paging() {
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badParameter("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    public static long after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("after", "after must be a cursor from a previous page");
        }
    }
}
