package dev.baton.core.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;
import java.util.Set;

/**
 * Changes the non-null fields of a task in one step. {@code cleared} names optional fields the caller set to
 * null on purpose (description, priority, estimate, agent_profile_id). With {@code expectedVersion} the edit is
 * refused if the task changed since the caller read it.
 */
public record EditTaskCommand(@TargetAggregateIdentifier String taskId, @TargetAggregateVersion Long expectedVersion,
                              String title, String description, List<String> acceptanceCriteria, List<String> labels,
                              Integer priority, Double estimate, List<String> focusFiles, String agentProfileId,
                              List<String> dependsOn, Set<String> cleared) {
}
