package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record CreateTaskCommand(@TargetAggregateIdentifier String taskId, String projectId, String title,
                                String description, List<String> acceptanceCriteria, List<String> labels,
                                Integer priority, Double estimate, List<String> focusFiles, String column,
                                String agentProfileId, List<String> dependsOn) {
}
