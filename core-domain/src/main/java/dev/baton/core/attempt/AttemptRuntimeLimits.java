package dev.baton.core.attempt;

import java.time.Duration;

/**
 * How long an attempt may run: the shortest of its agent profile's {@code max_runtime_seconds}, its project's
 * budget {@code max_runtime_seconds} and the server's default.
 */
public interface AttemptRuntimeLimits {

    Duration limitFor(String projectId, String agentProfileId);
}
