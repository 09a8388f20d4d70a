package dev.baton.query.run;

import dev.baton.core.run.RunOptions;

import java.time.Instant;

/**
 * A run as stored: its graph, options, state ({@code queued}, {@code running}, {@code paused}, {@code completed},
 * {@code failed} or {@code cancelled}), why it failed, when it started and finished, and the tokens and cost its
 * attempts reported. The API adds the counts, running agents, progress and elapsed time when it answers.
 */
public record RunView(String runId, String projectId, String graphId, String status, RunOptions options,
                      String reason, Instant startedAt, Instant finishedAt, Usage usage, long version) {

    public record Usage(long inputTokens, long outputTokens, double costUsd) {

        Usage plus(long input, long output, double cost) {
            return new Usage(inputTokens + input, outputTokens + output, costUsd + cost);
        }
    }

    public static RunView started(String runId, String projectId, String graphId, RunOptions options, Instant at) {
        return new RunView(runId, projectId, graphId, "running", options, null, at, null, new Usage(0, 0, 0), 0);
    }

    public RunView withStatus(String newStatus, String newReason, Instant finished, long newVersion) {
        return new RunView(runId, projectId, graphId, newStatus, options, newReason, startedAt, finished, usage,
                newVersion);
    }

    public RunView withVersion(long newVersion) {
        return new RunView(runId, projectId, graphId, status, options, reason, startedAt, finishedAt, usage, newVersion);
    }

    public RunView plusUsage(long input, long output, double cost) {
        return new RunView(runId, projectId, graphId, status, options, reason, startedAt, finishedAt,
                usage.plus(input, output, cost), version);
    }
}
