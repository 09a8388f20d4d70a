package dev.baton.runner.moxxy;

import java.time.Instant;

/**
 * One worker of a job. {@code status} is {@code running}, {@code succeeded} or {@code failed}; {@code workerMode}
 * is {@code ephemeral}, {@code native} or {@code existing} (depending on moxxy's version) or {@code mixed}.
 * A failed worker's {@code output} holds its error too.
 */
public record WorkerRun(String workerRunId, String jobId, String workerAgent, String workerMode, String taskPrompt,
                        String status, int attempt, Instant startedAt, Instant finishedAt, String output,
                        String error) {
}
