package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person paused, resumed or stopped a task of the run (reported by the run saga from the task's events). */
public record RecordRunTaskControlCommand(@TargetAggregateIdentifier String runId, String taskId, Control control) {

    public enum Control {
        PAUSED, RESUMED, STOPPED
    }
}
