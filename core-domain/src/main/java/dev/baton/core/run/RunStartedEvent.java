package dev.baton.core.run;

import java.util.List;

/** A run began: the graph's tasks in dependency order, every one pending, and the options it runs with. */
public record RunStartedEvent(String runId, String projectId, String graphId, List<RunTask> tasks, RunOptions options)
        implements RunEvent {
}
