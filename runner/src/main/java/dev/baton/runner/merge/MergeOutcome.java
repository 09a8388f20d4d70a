package dev.baton.runner.merge;

import java.util.List;

/**
 * How a merge of an attempt's branch into the target branch ended. {@link Conflict} and {@link Refused} changed
 * nothing: no branch moved and no file of any checkout was touched; the message says what to do.
 */
public sealed interface MergeOutcome {

    /**
     * The target branch now points at {@code commit}: the branch's own head ({@code fastForward}) or a new merge
     * commit. {@code checkoutUpdated} when the user's checkout of the target was moved along, files included.
     */
    record Merged(String commit, boolean fastForward, boolean checkoutUpdated) implements MergeOutcome {
    }

    /** The target already contains the branch; it stays at {@code commit}. */
    record AlreadyMerged(String commit) implements MergeOutcome {
    }

    /** The branch and the target changed the same {@code files} (sorted) in different ways. */
    record Conflict(List<String> files, String message) implements MergeOutcome {
        public Conflict {
            files = List.copyOf(files);
        }
    }

    /**
     * The target is checked out by the user with uncommitted changes to tracked {@code files}, or with untracked
     * files the merge would overwrite: their work is not touched.
     */
    record Refused(List<String> files, String message) implements MergeOutcome {
        public Refused {
            files = List.copyOf(files);
        }
    }
}
