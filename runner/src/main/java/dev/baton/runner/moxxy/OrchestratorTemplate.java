package dev.baton.runner.moxxy;

import java.util.List;

/** An orchestration template of an agent; the {@code default…} fields may be null. */
public record OrchestratorTemplate(String templateId, String name, String description,
                                   WorkerMode defaultWorkerMode, Integer defaultMaxParallelism,
                                   Integer defaultRetryLimit, FailurePolicy defaultFailurePolicy,
                                   MergePolicy defaultMergePolicy, List<SpawnProfile> spawnProfiles) {
}
