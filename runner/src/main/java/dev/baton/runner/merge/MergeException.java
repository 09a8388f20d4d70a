package dev.baton.runner.merge;

import dev.baton.runner.workspace.Redaction;
import dev.baton.runner.workspace.WorkspaceException;

/**
 * Delivering an attempt (a merge or a pull request) failed for a reason that is not the user's to fix in their
 * checkout or in the attempt's changes: those are answered as a {@link MergeOutcome}. Nothing was moved: no branch
 * of the project points elsewhere because of the failed call. Its message never shows the user-info of a URL, and
 * none that this package makes shows the GitHub token.
 */
public class MergeException extends RuntimeException {

    public enum Reason {
        /** A branch name or another part of the request cannot be used. */
        INVALID_REQUEST,
        /** The attempt's branch does not exist. */
        NO_BRANCH,
        /** The target branch does not exist (in the checkout, or on the remote). */
        NO_TARGET,
        /** The project's repository cannot be opened, cloned or fetched. */
        REPOSITORY_UNAVAILABLE,
        /** The target branch moved again at every try. */
        TARGET_KEEPS_MOVING,
        PUSH_FAILED,
        /** Reading or writing the repository, or updating the user's checkout, failed. */
        GIT_FAILED,
        /** No GitHub token is configured. */
        NO_TOKEN,
        /** The project has no remote on GitHub to open a pull request on. */
        NO_GITHUB_REMOTE,
        /** GitHub refused the token. */
        GITHUB_UNAUTHORIZED,
        /** GitHub knows no such repository, or the token cannot see it. */
        GITHUB_NOT_FOUND,
        /** The token may not do this, or its API rate limit is used up. */
        GITHUB_FORBIDDEN,
        /** GitHub refused the pull request itself (422), say because it does not know its head branch. */
        GITHUB_REJECTED,
        /** GitHub could not be reached or answered something unexpected. */
        GITHUB_FAILED
    }

    private final Reason reason;

    public MergeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public MergeException(Reason reason, String message, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.reason = reason;
    }

    /** A failure to open, clone or fetch the project's repository, or of a git command, as a failure of this kind. */
    static MergeException from(WorkspaceException e) {
        Reason reason = switch (e.reason()) {
            case NOT_A_GIT_REPOSITORY, CLONE_FAILED, FETCH_FAILED -> Reason.REPOSITORY_UNAVAILABLE;
            default -> Reason.GIT_FAILED;
        };
        return new MergeException(reason, e.getMessage(), e);
    }

    public Reason reason() {
        return reason;
    }
}
