package dev.baton.core.task;

public record FindTaskQuery(String taskId) {
}
