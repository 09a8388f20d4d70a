package dev.baton.runner.attempt;

import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.log.LogEntry;
import dev.baton.runner.process.AgentProcess;
import dev.baton.runner.secret.SecretMask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a running process's output files into the attempt's log until the process has ended and everything it
 * printed is logged. Each read's lines are logged in one transaction with the new file offsets ({@link Saver}), so
 * that after a crash the next server starts reading exactly after the last logged line.
 */
final class OutputPump {

    /** Turns a line into the log entries it stands for (the raw line, and for an agent its parsed events). */
    interface Lines {
        List<LogEntry> stdout(String line);

        List<LogEntry> stderr(String line);
    }

    /** Records the offsets reached, inside the transaction that logs the lines before them. */
    interface Saver {
        void save(long stdoutOffset, long stderrOffset);
    }

    private static final int LINES_PER_READ = 500;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AttemptLog log;
    private final SecretMask mask;

    /** Lines are logged with {@code mask}'s values hidden, before anything (a parser, a summary) reads them. */
    OutputPump(AttemptLog log, SecretMask mask) {
        this.log = log;
        this.mask = mask;
    }

    /** Thrown when {@code leaving} says to stop following (the server shuts down; the process goes on). */
    static final class Left extends RuntimeException {
        Left() {
            super("the server is shutting down", null, false, false);
        }
    }

    void follow(String attemptId, AgentProcess process, OutputTail stdout, OutputTail stderr, Lines lines,
                BooleanSupplier leaving, Saver saver) {
        while (true) {
            if (leaving.getAsBoolean()) {
                throw new Left();
            }
            // Whether it has ended is asked before reading, so that a last read after the end sees everything.
            boolean ended = !process.isAlive();
            boolean more = pumpOnce(attemptId, stdout, stderr, lines, saver, ended);
            if (ended && !more) {
                return;
            }
            if (!more) {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    /** Logs one read's lines; answers whether a file may hold more right away. */
    private boolean pumpOnce(String attemptId, OutputTail stdout, OutputTail stderr, Lines lines, Saver saver,
                             boolean ended) {
        List<String> out = stdout.read(LINES_PER_READ, ended);
        List<String> err = stderr.read(LINES_PER_READ, ended);
        if (out.isEmpty() && err.isEmpty()) {
            return false;
        }
        List<LogEntry> entries = new ArrayList<>();
        out.forEach(line -> entries.addAll(lines.stdout(mask.mask(line))));
        err.forEach(line -> entries.addAll(lines.stderr(mask.mask(line))));
        log.append(attemptId, entries, () -> saver.save(stdout.offset(), stderr.offset()));
        return out.size() == LINES_PER_READ || err.size() == LINES_PER_READ;
    }
}
