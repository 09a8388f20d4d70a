package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the repository behind a project: the user's checkout as it is, or, for a remote URL, Baton's own clone in
 * {@code <dataDir>/repos/<projectId>}, cloned the first time and fetched before each new workspace.
 * <p>
 * The clone is bare: nobody works in it, every workspace is a worktree of it, and it holds no checkout that could
 * go stale or take disk space. The remote's branches are fetched into {@code refs/remotes/origin/*} (as in a
 * normal clone), so a fetch never touches the attempts' {@code baton/*} branches that live in {@code refs/heads}.
 */
final class SourceRepositories {

    private final Path reposRoot;
    private final GitCli git;
    private final RepositoryLocks locks;
    /** When the last successful fetch (or clone) of each clone started, in {@link System#nanoTime()}. */
    private final Map<Path, Long> lastFetchStarted = new ConcurrentHashMap<>();

    SourceRepositories(Path reposRoot, GitCli git, RepositoryLocks locks) {
        this.reposRoot = reposRoot;
        this.git = git;
        this.locks = locks;
    }

    /** The repository as it is now, for removing workspaces: nothing is cloned or fetched. */
    SourceRepository open(ProjectRepository project) {
        if (!project.isRemote()) {
            return openCheckout(project.localPath());
        }
        Path clone = clonePath(project);
        if (!Files.isDirectory(clone)) {
            throw new WorkspaceException(Reason.NOT_A_GIT_REPOSITORY, "project " + project.projectId()
                    + " has no clone of " + project.location() + " in " + clone + " yet");
        }
        return new SourceRepository(clone, null, true);
    }

    /** The repository with the remote's latest branches: cloned the first time, fetched every time after. */
    SourceRepository prepare(ProjectRepository project) {
        if (!project.isRemote()) {
            return openCheckout(project.localPath());
        }
        long requested = System.nanoTime();
        Path clone = clonePath(project);
        locks.run(clone, () -> {
            Long lastStart = lastFetchStarted.get(clone);
            // Many attempts starting at once share one fetch: one that began after this request is fresh enough.
            if (lastStart != null && lastStart - requested >= 0) {
                return;
            }
            long started = System.nanoTime();
            if (Files.isDirectory(clone)) {
                fetch(project, clone);
            } else {
                cloneInto(project, clone);
            }
            lastFetchStarted.put(clone, started);
        });
        return new SourceRepository(clone, null, true);
    }

    private Path clonePath(ProjectRepository project) {
        return reposRoot.resolve(project.projectId());
    }

    private static SourceRepository openCheckout(Path path) {
        if (!Files.isDirectory(path)) {
            throw new WorkspaceException(Reason.NOT_A_GIT_REPOSITORY, path + " is not a folder on this machine");
        }
        // Only the folder itself or its .git: a folder merely inside some other repository is refused.
        File gitDir = RepositoryCache.FileKey.resolve(path.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new WorkspaceException(Reason.NOT_A_GIT_REPOSITORY, path
                    + " is not the top folder of a git repository: run git init there or fix the project's local path");
        }
        try {
            SourceRepository found = new SourceRepository(gitDir.toPath().toRealPath(), null, false);
            try (Repository repository = found.open()) {
                return repository.isBare() ? found
                        : new SourceRepository(found.gitDir(), repository.getWorkTree().toPath().toRealPath(), false);
            }
        } catch (IOException e) {
            throw new WorkspaceException(Reason.NOT_A_GIT_REPOSITORY, "cannot read the repository at " + path, e);
        }
    }

    /** Clones into a temporary folder renamed into place at the end, so a failed clone leaves nothing behind. */
    private void cloneInto(ProjectRepository project, Path clone) {
        Path partial = reposRoot.resolve("." + project.projectId() + ".cloning-" + UUID.randomUUID());
        try {
            Files.createDirectories(partial);
            git.run(partial, "init", "--bare", "--quiet");
            git.run(partial, "remote", "add", "origin", project.remoteUrl());
            git.run(partial, "fetch", "--quiet", "origin");
            Files.move(partial, clone);
        } catch (IOException | WorkspaceException e) {
            FileTrees.deleteQuietly(partial);
            throw new WorkspaceException(Reason.CLONE_FAILED, "cannot clone " + project.location() + " for project "
                    + project.projectId() + ": " + e.getMessage(), e);
        }
    }

    private void fetch(ProjectRepository project, Path clone) {
        try {
            String knownUrl;
            try (Repository repository = new SourceRepository(clone, null, true).open()) {
                knownUrl = repository.getConfig().getString("remote", "origin", "url");
            }
            if (!Objects.equals(knownUrl, project.remoteUrl())) { // the project's URL (or its token) changed
                git.run(clone, "remote", "set-url", "origin", project.remoteUrl());
            }
            git.run(clone, "fetch", "--quiet", "--prune", "origin");
        } catch (WorkspaceException e) {
            throw new WorkspaceException(Reason.FETCH_FAILED, "cannot fetch " + project.location() + " for project "
                    + project.projectId() + ": " + e.getMessage(), e);
        }
    }
}
