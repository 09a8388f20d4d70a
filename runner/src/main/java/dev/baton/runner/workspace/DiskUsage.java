package dev.baton.runner.workspace;

import java.util.Map;

/**
 * Bytes of the files in each workspace (by attempt id) and in all of them. Git objects are shared in the project's
 * repository and are not counted.
 */
public record DiskUsage(Map<String, Long> bytesByAttempt, long totalBytes) {

    public DiskUsage {
        bytesByAttempt = Map.copyOf(bytesByAttempt);
    }
}
