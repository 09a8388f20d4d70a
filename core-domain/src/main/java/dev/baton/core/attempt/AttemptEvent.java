package dev.baton.core.attempt;

import dev.baton.core.common.ProjectScoped;

/** An event of an attempt: it belongs to the attempt's task and project. */
public interface AttemptEvent extends ProjectScoped {

    String attemptId();

    String taskId();
}
