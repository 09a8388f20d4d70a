package dev.baton.core.task;

/** One acceptance criterion of a task and whether it has been met. */
public record ChecklistItem(String text, boolean done) {
}
