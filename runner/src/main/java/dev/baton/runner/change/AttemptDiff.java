package dev.baton.runner.change;

import dev.baton.core.attempt.DiffStat;

import java.util.List;
import java.util.Objects;

/**
 * An attempt's changes against its base commit: the changed files, in git's order, and the unified diff of them
 * all as {@code git diff} prints it (what {@code Accept: text/x-diff} answers), less the hunks that were cut.
 */
public record AttemptDiff(List<FileDiff> files, String unifiedDiff) {

    public AttemptDiff {
        files = List.copyOf(files);
        Objects.requireNonNull(unifiedDiff, "unifiedDiff");
    }

    public DiffStat stat() {
        return new DiffStat(files.size(), files.stream().mapToInt(FileDiff::additions).sum(),
                files.stream().mapToInt(FileDiff::deletions).sum());
    }

    /** Whether hunks of some file were left out for size; {@link FileDiff#truncated()} tells which. */
    public boolean truncated() {
        return files.stream().anyMatch(FileDiff::truncated);
    }
}
