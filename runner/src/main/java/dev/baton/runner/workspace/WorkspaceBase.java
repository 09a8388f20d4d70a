package dev.baton.runner.workspace;

import org.eclipse.jgit.lib.Repository;

import java.util.regex.Pattern;

/** Where a new workspace's branch starts. The commit it resolves to is the attempt's recorded base commit. */
public sealed interface WorkspaceBase {

    static WorkspaceBase branch(String name) {
        return new Branch(name);
    }

    static WorkspaceBase commit(String sha) {
        return new Commit(sha);
    }

    static WorkspaceBase previousAttempt(String branch) {
        return new PreviousAttempt(branch);
    }

    /**
     * What JGit resolves to find the commit, or null when the name cannot be a branch or a commit at all. Never
     * revision syntax such as {@code main~1}: a name is taken as it is.
     */
    String revision(boolean clonedFromRemote);

    /** For messages: which base was asked for. */
    String describe();

    /**
     * The head of a branch: a branch of the user's checkout, or the remote's branch (as last fetched) for a
     * project cloned from a URL.
     */
    record Branch(String name) implements WorkspaceBase {
        @Override
        public String revision(boolean clonedFromRemote) {
            return validRef((clonedFromRemote ? "refs/remotes/origin/" : "refs/heads/") + name);
        }

        @Override
        public String describe() {
            return "base branch '" + name + "'";
        }
    }

    /** A commit recorded earlier, as a full or abbreviated SHA. */
    record Commit(String sha) implements WorkspaceBase {
        private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

        @Override
        public String revision(boolean clonedFromRemote) {
            return sha != null && HEX.matcher(sha).matches() ? sha : null;
        }

        @Override
        public String describe() {
            return "base commit '" + sha + "'";
        }
    }

    /** A follow-up attempt continues from the previous attempt's branch ({@code baton/<task>/<attempt>}). */
    record PreviousAttempt(String branch) implements WorkspaceBase {
        @Override
        public String revision(boolean clonedFromRemote) {
            return validRef("refs/heads/" + branch);
        }

        @Override
        public String describe() {
            return "previous attempt's branch '" + branch + "'";
        }
    }

    private static String validRef(String ref) {
        return Repository.isValidRefName(ref) ? ref : null;
    }
}
