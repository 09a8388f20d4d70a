package dev.baton.core.project;

/** Per-project limits for agent work; a null field means "no limit". */
public record Budgets(Long maxRuntimeSeconds, Integer maxAttemptsPerHour, Long maxTokens, Integer maxParallelAttempts) {

    public static final Budgets NONE = new Budgets(null, null, null, null);
}
