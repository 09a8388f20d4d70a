package dev.baton.runner.change;

/**
 * Committing or reading an attempt's changes was refused, with why as a {@link Reason}. A failure of git itself is
 * a {@link dev.baton.runner.workspace.WorkspaceException} from {@link dev.baton.runner.workspace.GitCli}.
 */
public class ChangeException extends RuntimeException {

    public enum Reason {
        /** A commit id, message or identity that cannot be used. */
        INVALID_REQUEST,
        /** A merge, rebase, cherry-pick, revert or bisect is under way, or conflicts are unresolved. */
        UNFINISHED_OPERATION,
        /** HEAD is detached or on another branch than the attempt's. */
        NOT_ON_BRANCH,
        /** The branch no longer contains its base commit (history was reset or rewritten below it). */
        BASE_NOT_IN_HISTORY,
        /** The diff artifact cannot be written or read. */
        ARTIFACT_FAILED
    }

    private final Reason reason;

    public ChangeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ChangeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
