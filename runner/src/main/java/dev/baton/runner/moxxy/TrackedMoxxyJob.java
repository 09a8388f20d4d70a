package dev.baton.runner.moxxy;

/**
 * A job the tracker follows, as the server's read model knows it: Baton's id, the moxxy agent and job it follows,
 * moxxy's last state recorded ({@code null} before the first read), the last entry of its events list recorded (the
 * cursor), whether the last read failed, and the user whose moxxy connection follows it.
 */
public record TrackedMoxxyJob(String jobId, String agent, String moxxyJobId, String state, long lastEventId,
                              boolean failing, String startedBy) {
}
