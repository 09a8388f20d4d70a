package dev.baton.runner.moxxy;

import java.time.Instant;

/**
 * An orchestration job as moxxy records it. {@code error} is set only when the start's validation failed;
 * {@code summary} says how it ended ({@code "Merge approved"} after an approve-merge).
 */
public record MoxxyJob(String jobId, String agentName, JobState status, String prompt, WorkerMode workerMode,
                       String summary, String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
