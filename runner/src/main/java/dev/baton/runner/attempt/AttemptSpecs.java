package dev.baton.runner.attempt;

import dev.baton.core.task.Steering;

import java.util.List;
import java.util.Optional;

/**
 * Where the runner reads what an attempt needs (the project, task and agent profile as they are now). The server
 * answers from its read models; the runner does not know them.
 */
public interface AttemptSpecs {

    /** The attempt's spec; throws {@link AttemptSpecException} when something it needs is gone. */
    AttemptSpec load(String attemptId);

    /** The task's steerings as the read models show them now, in order (none for a task that is gone). */
    List<Steering> steering(String taskId);

    /** The project's {@code max_parallel_attempts}, empty when it sets none. */
    Optional<Integer> maxParallelAttempts(String projectId);

    class AttemptSpecException extends RuntimeException {
        public AttemptSpecException(String message) {
            super(message);
        }
    }
}
