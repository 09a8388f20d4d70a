package dev.baton.runner.merge;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.List;

/**
 * Merges a branch into a target as {@code git merge} would (recursive strategy), but in memory: no working tree and
 * no index are involved. A merge commit that is needed is written to the object database; no ref moves.
 */
final class InCoreMerge {

    sealed interface Result {
    }

    /** The target already contains the branch. */
    record UpToDate(ObjectId target) implements Result {
    }

    /** Moving the target from {@code target} to {@code commit} merges the branch. */
    record Update(ObjectId target, ObjectId commit, boolean fastForward) implements Result {
    }

    /** Both sides changed these paths (sorted) in ways that do not merge. */
    record Conflicting(List<String> files) implements Result {
    }

    private InCoreMerge() {
    }

    static Result merge(Repository repository, ObjectId target, ObjectId branch, PersonIdent committer, String message)
            throws IOException {
        try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
            RevCommit targetHead = walk.parseCommit(target);
            RevCommit branchHead = walk.parseCommit(branch);
            if (walk.isMergedInto(branchHead, targetHead)) {
                return new UpToDate(target);
            }
            if (walk.isMergedInto(targetHead, branchHead)) {
                return new Update(target, branch, true);
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repository.getConfig());
            if (!merger.merge(false, targetHead, branchHead)) {
                return new Conflicting(merger.getUnmergedPaths().stream().distinct().sorted().toList());
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(merger.getResultTreeId());
            commit.setParentIds(targetHead, branchHead);
            commit.setAuthor(committer);
            commit.setCommitter(committer);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId merged = inserter.insert(commit);
            inserter.flush();
            return new Update(target, merged, false);
        }
    }
}
