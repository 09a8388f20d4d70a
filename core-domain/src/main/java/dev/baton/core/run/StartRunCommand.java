package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Runs a confirmed graph: its tasks (in dependency order) with the options given. */
public record StartRunCommand(@TargetAggregateIdentifier String runId, String projectId, String graphId,
                              List<RunTask> tasks, RunOptions options) {
}
