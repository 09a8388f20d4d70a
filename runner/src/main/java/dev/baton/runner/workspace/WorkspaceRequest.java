package dev.baton.runner.workspace;

import java.util.List;
import java.util.Objects;

/**
 * What an attempt needs from its workspace. {@code filesToCopy} are paths relative to the user's checkout of
 * untracked files (such as {@code .env}) to copy into the new workspace.
 */
public record WorkspaceRequest(ProjectRepository project, String taskId, String attemptId, WorkspaceBase base,
                               List<String> filesToCopy) {

    public WorkspaceRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(base, "base");
        SafeId.require("task id", taskId);
        SafeId.require("attempt id", attemptId);
        filesToCopy = filesToCopy == null ? List.of() : List.copyOf(filesToCopy);
    }

    public WorkspaceRequest(ProjectRepository project, String taskId, String attemptId, WorkspaceBase base) {
        this(project, taskId, attemptId, base, List.of());
    }

    /** The attempt's own branch. */
    public String branch() {
        return "baton/" + taskId + "/" + attemptId;
    }
}
