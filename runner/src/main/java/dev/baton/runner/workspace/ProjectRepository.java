package dev.baton.runner.workspace;

import java.nio.file.Path;

/**
 * Where a project's code lives: the user's own checkout on this machine ({@code localPath}), or a remote URL that
 * Baton clones into its data folder. Exactly one of the two is set.
 */
public record ProjectRepository(String projectId, Path localPath, String remoteUrl) {

    public ProjectRepository {
        SafeId.require("project id", projectId);
        if ((localPath == null) == (remoteUrl == null || remoteUrl.isBlank())) {
            throw new WorkspaceException(WorkspaceException.Reason.INVALID_REQUEST,
                    "project " + projectId + " needs exactly one of a local path and a remote URL");
        }
        localPath = localPath == null ? null : localPath.toAbsolutePath().normalize();
    }

    public static ProjectRepository local(String projectId, Path checkout) {
        return new ProjectRepository(projectId, checkout, null);
    }

    public static ProjectRepository remote(String projectId, String url) {
        return new ProjectRepository(projectId, null, url);
    }

    public boolean isRemote() {
        return remoteUrl != null;
    }

    /** The path or the URL without its user-info, for messages. */
    public String location() {
        return isRemote() ? Redaction.redact(remoteUrl) : localPath.toString();
    }

    @Override
    public String toString() { // the generated one would print a token carried by the URL
        return "ProjectRepository[" + projectId + " at " + location() + "]";
    }
}
