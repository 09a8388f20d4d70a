package dev.baton.runner.change;

import dev.baton.runner.workspace.GitCli;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the diff between two commits of an attempt with one {@code git diff} call: renames are detected, binary
 * files are listed with 0 added and 0 deleted lines, paths are given as they are (spaces, quotes, non-ASCII). The
 * options pin what the user's configuration could change about the output's shape (colours, external diff drivers,
 * text conversion, path prefixes, submodule logs); the diff algorithm and context lines stay theirs.
 * <p>
 * git's output passes through a temporary file and is read in one pass, keeping no more than {@link DiffLimits}
 * of hunk text, so a huge generated file takes disk for a moment, not memory. Non-UTF-8 text reads with
 * replacement characters.
 */
public final class DiffReader {

    private static final String[] DIFF = {"-c", "core.quotepath=false", "diff", "--no-color", "--no-ext-diff",
            "--no-textconv", "--submodule=short", "--src-prefix=a/", "--dst-prefix=b/", "--find-renames", "--raw",
            "--numstat", "--patch", "-z"};

    private final GitCli git;
    private final DiffLimits limits;

    public DiffReader(GitCli git, DiffLimits limits) {
        this.git = git;
        this.limits = limits;
    }

    /** The changes from {@code baseCommit} to {@code headCommit}, read in the repository of {@code worktree}. */
    public AttemptDiff diff(Path worktree, String baseCommit, String headCommit) {
        String[] args = Arrays.copyOf(DIFF, DIFF.length + 3);
        args[DIFF.length] = CommitIds.require("base commit", baseCommit);
        args[DIFF.length + 1] = CommitIds.require("head commit", headCommit);
        args[DIFF.length + 2] = "--";
        return git.read(worktree, output -> DiffParser.parse(output, limits), args);
    }
}
