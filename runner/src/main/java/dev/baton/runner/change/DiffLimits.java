package dev.baton.runner.change;

/**
 * How much hunk text a diff keeps, in bytes, so that a huge generated file cannot exhaust memory: at most
 * {@code filePatchBytes} in one file's patch, and at most {@code totalBytes} in the unified diff of all files.
 * Hunks are kept whole or not at all, in order: from the first hunk that does not fit, the file's remaining hunks
 * are left out. The "diff --git" header lines of every file are always kept.
 */
public record DiffLimits(int filePatchBytes, int totalBytes) {

    public static final DiffLimits DEFAULT = new DiffLimits(1024 * 1024, 20 * 1024 * 1024);

    public DiffLimits {
        if (filePatchBytes <= 0 || totalBytes <= 0) {
            throw new IllegalArgumentException("diff limits must be positive: " + filePatchBytes + ", " + totalBytes);
        }
    }
}
