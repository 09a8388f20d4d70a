package dev.baton.runner.moxxy;

/**
 * An agent's orchestration defaults. moxxy answers its defaults ({@code mixed}, retry limit 1, {@code auto_replan},
 * {@code manual_approval}, warn threshold 5) until one is set; a set replaces the whole config.
 */
public record OrchestratorConfig(String defaultTemplateId, WorkerMode defaultWorkerMode,
                                 Integer defaultMaxParallelism, int defaultRetryLimit,
                                 FailurePolicy defaultFailurePolicy, MergePolicy defaultMergePolicy,
                                 int parallelismWarnThreshold) {
}
