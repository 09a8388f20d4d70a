package dev.baton.query.attempt;

import java.util.List;

/** The answer to {@code FindTaskAttemptsQuery}: a task's attempts, newest first. */
public record TaskAttempts(List<AttemptView> items) {
}
