package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lets a paused task go on: its suspended agent continues and new attempts may start again. */
public record ResumeTaskCommand(@TargetAggregateIdentifier String taskId) {
}
