package dev.baton.runner.moxxy;

/** A job moxxy started; {@code workerCount} is the workers planned (a merger or task workers may come on top). */
public record StartedJob(String jobId, int workerCount) {
}
