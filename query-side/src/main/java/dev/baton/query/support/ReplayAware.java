package dev.baton.query.support;

/**
 * A projection that keeps part of the generation a replay is writing in memory, and writes it out when that
 * generation is served. A replay whose memory was lost (the server restarted) cannot continue and starts over.
 */
public interface ReplayAware {

    String projection();

    /** A replay into this fresh generation is about to start. */
    void replayStarting(int gen);

    /** Serves the replayed generation: runs {@code switchGeneration} in one transaction with the memory written first. */
    void serveReplayed(Runnable switchGeneration);

    /** Whether the replay in progress lost its memory here and must start over. */
    boolean replayLost();
}
