package dev.baton.query.board;

import dev.baton.core.task.Steering;

import java.util.ArrayList;
import java.util.List;

/**
 * What people did to a task's runs: whether it is paused, whether it was stopped (until its next attempt), and its
 * steerings in order.
 */
public record TaskControls(boolean paused, boolean stopped, List<Steering> steering) {

    public static final TaskControls NONE = new TaskControls(false, false, List.of());

    public TaskControls {
        steering = steering == null ? List.of() : List.copyOf(steering);
    }

    TaskControls paused(boolean nowPaused) {
        return new TaskControls(nowPaused, stopped, steering);
    }

    /** Stopping also ends a pause. */
    TaskControls stopped(boolean nowStopped) {
        return new TaskControls(!nowStopped && paused, nowStopped, steering);
    }

    TaskControls steered(Steering added) {
        List<Steering> all = new ArrayList<>(steering);
        all.add(added);
        return new TaskControls(paused, stopped, all);
    }
}
