package dev.baton.runner.merge;

/** A pull request on GitHub; {@code alreadyOpen} when it was opened before (by an earlier approve) and found. */
public record PullRequest(int number, String url, boolean alreadyOpen) {
}
