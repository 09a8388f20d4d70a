package dev.baton.runner.attempt;

/**
 * Where the runner is with an attempt: {@code QUEUED} until a slot is free, {@code STARTING} while its workspace is
 * made and its agent spawned, {@code RUNNING} while the agent runs, {@code GATES} while gates run and the changes are
 * committed, {@code DONE} when the runner has nothing more to do for it (the attempt waits for review or ended);
 * after approval {@code MERGING} or {@code PULL_REQUEST} while it is delivered, then {@code DONE} again.
 */
public enum RunPhase {
    QUEUED, STARTING, RUNNING, GATES, MERGING, PULL_REQUEST, DONE
}
