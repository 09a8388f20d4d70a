package dev.baton.bench;

/** Progress lines on stderr, {@code [bench <scope> <time>] message}; the table goes to stdout at the end. */
final class Log {

    private Log() {
    }

    static void line(String scope, String message) {
        System.err.printf("[bench %s %tT] %s%n", scope, System.currentTimeMillis(), message);
    }

    /** The line printed as soon as a figure is known. */
    static void result(String scope, Result r) {
        line(scope, String.format("%-4s %-70s %18s  %-16s %s", r.id, r.scenario, r.measured(), r.target, r.verdict()));
    }
}
