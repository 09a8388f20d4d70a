package dev.baton.runner.workspace;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The repository a project's workspaces are worktrees of: the user's checkout ({@code checkout} set), or Baton's
 * bare clone of a remote ({@code checkout} null, {@code cloned} true). {@code checkout} is also null for a local
 * repository that is itself bare.
 */
public record SourceRepository(Path gitDir, Path checkout, boolean cloned) {

    /** The folder git commands for this repository run in. */
    public Path commandDirectory() {
        return checkout != null ? checkout : gitDir;
    }

    /** Opens it with JGit; the caller closes it. */
    public Repository open() {
        try {
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Reason.NOT_A_GIT_REPOSITORY,
                    "cannot open the repository at " + gitDir + ": " + e.getMessage(), e);
        }
    }
}
