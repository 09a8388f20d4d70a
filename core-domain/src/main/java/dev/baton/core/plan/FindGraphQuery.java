package dev.baton.core.plan;

public record FindGraphQuery(String graphId) {
}
