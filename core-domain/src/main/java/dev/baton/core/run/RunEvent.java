package dev.baton.core.run;

import dev.baton.core.common.ProjectScoped;

/** An event of an orchestration run. */
public interface RunEvent extends ProjectScoped {
    String runId();
}
