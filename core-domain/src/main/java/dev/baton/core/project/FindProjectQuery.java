package dev.baton.core.project;

public record FindProjectQuery(String projectId) {
}
