package dev.baton.core.attempt;

/** The size of an attempt's changes against its base commit. */
public record DiffStat(int files, int additions, int deletions) {
}
