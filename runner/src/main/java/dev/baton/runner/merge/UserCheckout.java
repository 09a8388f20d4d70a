package dev.baton.runner.merge;

import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.SourceRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A worktree of the user's in which the target branch is checked out: the repository's main checkout, or a linked
 * worktree that is not an attempt's workspace. Its files move with the branch, or the branch does not move.
 */
record UserCheckout(Path folder) {

    /** The user's worktree that has {@code branch} checked out; git lets only one have it. */
    static Optional<UserCheckout> find(GitCli git, SourceRepository source, String branch,
                                       Predicate<Path> isWorkspace) {
        // Blocks of lines: "worktree <path>", "HEAD <sha>", then "branch refs/heads/<name>", "detached" or "bare".
        Path worktree = null;
        for (String line : git.run(source.commandDirectory(), "worktree", "list", "--porcelain").split("\n")) {
            if (line.startsWith("worktree ")) {
                worktree = Path.of(line.substring("worktree ".length()));
            } else if (line.equals("branch refs/heads/" + branch) && Files.isDirectory(worktree)
                    && !isWorkspace.test(worktree)) {
                return Optional.of(new UserCheckout(worktree));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the checkout cannot move from {@code from} to {@code to}, as {@code git merge --ff-only} would refuse or
     * lose work: uncommitted changes to tracked files (staged or not), and untracked files where the merge writes.
     * Empty when it can move.
     */
    Optional<MergeOutcome.Refused> refusal(GitCli git, Repository repository, ObjectId from, ObjectId to,
                                           String branch) throws IOException {
        Status status = status(git);
        NavigableSet<String> changed = status.changed();
        NavigableSet<String> untracked = status.untracked();
        if (!untracked.isEmpty()) {
            NavigableSet<String> written = pathsChanged(repository, from, to);
            untracked.removeIf(file -> !overlaps(file, written));
        }
        if (changed.isEmpty() && untracked.isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (!changed.isEmpty()) {
            reasons.add("uncommitted changes to " + FileNames.describe(changed));
        }
        if (!untracked.isEmpty()) {
            reasons.add("untracked files the merge would overwrite: " + FileNames.describe(untracked));
        }
        NavigableSet<String> files = new TreeSet<>(changed);
        files.addAll(untracked);
        return Optional.of(new MergeOutcome.Refused(List.copyOf(files), branch + " is checked out in " + folder
                + " with " + String.join(" and ", reasons) + ": commit or stash them there"
                + (untracked.isEmpty() ? "" : " (git stash --include-untracked takes untracked files too)")
                + ", then approve again"));
    }

    /** Moves the checkout to {@code commit}: branch, index and files together, as the user's own git would. */
    void fastForward(GitCli git, ObjectId commit) {
        git.run(folder, "merge", "--ff-only", "--quiet", "--no-autostash", commit.name());
    }

    /** The paths of tracked files with uncommitted changes, and of untracked files, each sorted. */
    private record Status(NavigableSet<String> changed, NavigableSet<String> untracked) {
    }

    /**
     * {@code git status} in the porcelain v2 format, whose entries never start with a blank: "1 XY … path",
     * "2 XY … path" followed by the original path of a rename, "u XY … path" for an unmerged path, "? path".
     * Ignored files are not listed: git overwrites them as it does in any merge.
     */
    private Status status(GitCli git) {
        Status status = new Status(new TreeSet<>(), new TreeSet<>());
        // --no-optional-locks: reading the status must not take the index's lock from under the user's own git.
        String[] entries = git.run(folder, "--no-optional-locks", "status", "--porcelain=v2", "-z",
                "--untracked-files=all").split("\0");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            switch (entry.isEmpty() ? ' ' : entry.charAt(0)) {
                case '1' -> status.changed().add(entry.split(" ", 9)[8]);
                case '2' -> {
                    status.changed().add(entry.split(" ", 10)[9]);
                    status.changed().add(entries[++i]);
                }
                case 'u' -> status.changed().add(entry.split(" ", 11)[10]);
                case '?' -> status.untracked().add(entry.substring(2));
                default -> {
                }
            }
        }
        return status;
    }

    private static NavigableSet<String> pathsChanged(Repository repository, ObjectId from, ObjectId to)
            throws IOException {
        NavigableSet<String> paths = new TreeSet<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            walk.addTree(repository.parseCommit(from).getTree());
            walk.addTree(repository.parseCommit(to).getTree());
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
        }
        return paths;
    }

    /**
     * Whether writing the paths {@code written} would replace the untracked {@code file}: the same path, a path
     * inside it (it would have to become a folder), or one of its folders (which would have to become a file).
     */
    private static boolean overlaps(String file, NavigableSet<String> written) {
        String inside = written.ceiling(file + "/");
        if (written.contains(file) || (inside != null && inside.startsWith(file + "/"))) {
            return true;
        }
        for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
            if (written.contains(file.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }
}
