package dev.baton.runner.moxxy;

/**
 * A job the tracker follows, as the server's read model knows it: Baton's id, the moxxy agent and job it follows,
 * moxxy's last state recorded ({@code null} before the first read), the last entry of its events list recorded (the
 * cursor) and whether the last read failed.
 */
public record TrackedMoxxyJob(String jobId, String agent, String moxxyJobId, String state, long lastEventId,
                              boolean failing) {
}
