package dev.baton.core.task;

import java.time.Instant;

/** One steering of a task ({@link TaskSteeredEvent}) as it is kept in the task's context and given to its agents. */
public record Steering(int index, String comment, String promptPatch, Instant createdAt) {
}
