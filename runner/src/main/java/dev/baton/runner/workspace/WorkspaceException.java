package dev.baton.runner.workspace;

/**
 * A workspace operation that was refused or failed, with what went wrong as a {@link Reason}. Whatever it had
 * already done is undone before it is thrown. Its message never shows the user-info of a URL.
 */
public class WorkspaceException extends RuntimeException {

    public enum Reason {
        /** An id or a file name in the request cannot be used. */
        INVALID_REQUEST,
        NOT_A_GIT_REPOSITORY,
        CLONE_FAILED,
        FETCH_FAILED,
        /** The base branch, base commit or previous attempt's branch does not exist. */
        UNKNOWN_BASE,
        BRANCH_EXISTS,
        WORKSPACE_EXISTS,
        /** A file to copy is missing, not a regular file, or would lead outside the checkout or the workspace. */
        COPY_REFUSED,
        GIT_FAILED,
        /** The workspace is no longer the worktree Baton made (moved aside, or its {@code .git} link changed). */
        WORKSPACE_TAMPERED,
        GIT_TIMED_OUT,
        IO_FAILED
    }

    private final Reason reason;

    public WorkspaceException(Reason reason, String message) {
        this(reason, message, null);
    }

    public WorkspaceException(Reason reason, String message, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
