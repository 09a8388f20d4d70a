package dev.baton.core.run;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The id of the n-th attempt a run starts for a task: made from all three, so a run asking again finds the same one. */
public final class RunIds {

    private RunIds() {
    }

    public static String attempt(String runId, String taskId, int attemptNumber) {
        return UUID.nameUUIDFromBytes(("baton-run-attempt:" + runId + ":" + taskId + ":" + attemptNumber)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
