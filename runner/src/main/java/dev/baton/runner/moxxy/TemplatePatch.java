package dev.baton.runner.moxxy;

import java.util.List;

/**
 * The fields of a template to change; null ones are left as they are (moxxy cannot reset a field to null).
 * moxxy validates the merged template again, so its spawn profiles must name a provider and a model.
 */
public record TemplatePatch(String name, String description, WorkerMode defaultWorkerMode,
                            Integer defaultMaxParallelism, Integer defaultRetryLimit,
                            FailurePolicy defaultFailurePolicy, MergePolicy defaultMergePolicy,
                            List<SpawnProfile> spawnProfiles) {
}
