package dev.baton.core.moxxy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records a job moxxy started (under its {@code agent}) for tasks of a project's board; the tasks are linked to it
 * and queued. {@code startedBy} is the user whose moxxy connection started it, and which follows it.
 */
public record StartMoxxyJobCommand(@TargetAggregateIdentifier String jobId, String projectId, String moxxyJobId,
                                   String agent, List<String> taskIds, int workerCount, String startedBy) {

    public StartMoxxyJobCommand(String jobId, String projectId, String moxxyJobId, String agent, List<String> taskIds,
                                int workerCount) {
        this(jobId, projectId, moxxyJobId, agent, taskIds, workerCount, null);
    }
}
