package dev.baton.command.directory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What command handlers need to know about other aggregates (set-based validation): which projects,
 * columns, tasks and agent profiles exist, card ranks, and the dependency graph. It is the command
 * side's own lookup, kept in step with the event store in the same transaction as each event
 * (see {@link BoardDirectoryUpdater}); it is not a read model.
 */
public interface BoardDirectory {

    Optional<ProjectEntry> project(String projectId);

    Optional<TaskEntry> task(String taskId);

    /** The highest rank in a column, ignoring one task (the one being moved). */
    Optional<String> lastRank(String projectId, String column, String exceptTaskId);

    /** The highest rank below {@code rank} in a column, ignoring one task. */
    Optional<String> rankBelow(String projectId, String column, String rank, String exceptTaskId);

    /** The lowest rank above {@code rank} in a column, ignoring one task. */
    Optional<String> rankAbove(String projectId, String column, String rank, String exceptTaskId);

    Set<String> dependenciesOf(String taskId);

    long tasksInColumn(String projectId, String column);

    boolean agentProfileExists(String agentProfileId);

    /** Whether another profile of the same owner (both null: without owner) has this name, whatever its case. */
    boolean agentProfileNameTaken(String name, String ownerId, String exceptAgentProfileId);

    /** Serializes rank and dependency decisions within one project until the transaction ends. */
    void lockProject(String projectId);

    record ProjectEntry(String projectId, List<String> columns, boolean archived) {
    }

    /** A card: where it sits, the agent profile assigned to it (null if none), and whether it is paused. */
    record TaskEntry(String taskId, String projectId, String column, String rank, String agentProfileId,
                     boolean paused) {
    }
}
