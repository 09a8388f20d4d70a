package dev.baton.runner.moxxy;

import java.util.List;

/**
 * An orchestration job to start; every field but {@code prompt} may be null. Unset, moxxy takes the mode and the
 * parallelism from the template, then from the agent's config; {@code existing}/{@code mixed} without agents use the
 * orchestrating agent itself, and {@code ephemeral}/{@code mixed} without a count (or with 0) one ephemeral worker.
 */
public record JobRequest(String prompt, String templateId, WorkerMode workerMode, List<String> existingAgents,
                         Integer ephemeralCount, Integer maxParallelism) {

    public static JobRequest of(String prompt) {
        return new JobRequest(prompt, null, null, null, null, null);
    }
}
