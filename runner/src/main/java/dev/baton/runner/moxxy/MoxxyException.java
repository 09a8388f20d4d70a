package dev.baton.runner.moxxy;

/**
 * A call to moxxy failed. Its message names the call and what moxxy said, and never shows the token or a value
 * sent to the vault: {@link MoxxyClient} redacts them from anything moxxy echoes back.
 */
public class MoxxyException extends RuntimeException {

    public enum Kind {
        /** No connection, or no answer within the timeout. */
        UNREACHABLE,
        /** moxxy answered 401: the token is missing, wrong, or of the wrong kind. */
        UNAUTHORIZED,
        /** The answer is not moxxy's: a 404 or 405 (no such route), HTML, or JSON of another shape. */
        NOT_MOXXY,
        /**
         * moxxy refused the call: {@code success:false} with its message (HTTP 200), a rejected request body
         * (text/plain 400, 415, 422), or a server error.
         */
        UPSTREAM
    }

    private final Kind kind;
    private final int status;
    private final String jobId;

    MoxxyException(Kind kind, int status, String message, String jobId, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.jobId = jobId;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status moxxy answered, or 0 when it did not answer. */
    public int status() {
        return status;
    }

    /**
     * The job moxxy created although it answered {@code success:false} (a start whose spawn profiles failed
     * validation leaves a {@code failed} job behind), or null.
     */
    public String jobId() {
        return jobId;
    }
}
