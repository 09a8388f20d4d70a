package dev.baton.runner.attempt;

/**
 * Where the runner is with an attempt: {@code QUEUED} until a slot is free, {@code STARTING} while its workspace is
 * made and its agent spawned, {@code RUNNING} while the agent runs, {@code GATES} while gates run and the changes are
 * committed, {@code DONE} when the runner has nothing more to do for it (the attempt waits for review or ended).
 */
public enum RunPhase {
    QUEUED, STARTING, RUNNING, GATES, DONE
}
