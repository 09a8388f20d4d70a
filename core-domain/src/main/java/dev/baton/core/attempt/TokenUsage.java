package dev.baton.core.attempt;

/** What an attempt's agent used, as its CLI reported it: tokens in and out, and the cost when the CLI gives one. */
public record TokenUsage(long inputTokens, long outputTokens, double costUsd) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);
}
