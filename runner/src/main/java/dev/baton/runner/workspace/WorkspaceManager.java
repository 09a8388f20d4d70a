package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Makes and cleans the attempts' git workspaces. Each attempt gets its own linked worktree in
 * {@code <dataDir>/workspaces/<attemptId>} on a new branch {@code baton/<task>/<attempt>}, made with the git
 * program ({@code git worktree add}; JGit has no linked worktrees) and read with JGit. The user's checkout is only
 * read: its HEAD, index, files and current branch stay as they are. A creation that fails undoes itself: no
 * folder, registration or branch is left behind.
 */
@Component
public class WorkspaceManager {

    private static final System.Logger LOG = System.getLogger(WorkspaceManager.class.getName());
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);
    private static final int CHECKOUT_WORKERS = Math.max(4, Runtime.getRuntime().availableProcessors());

    private final Path workspacesRoot;
    private final GitCli git;
    private final RepositoryLocks locks = new RepositoryLocks();
    private final SourceRepositories repositories;
    private final Clock clock;

    @Autowired
    public WorkspaceManager(@Value("${baton.data-dir}") Path dataDir) {
        this(dataDir, new GitCli("git", GIT_TIMEOUT), Clock.systemUTC());
    }

    public WorkspaceManager(Path dataDir, GitCli git, Clock clock) {
        Path root = dataDir.toAbsolutePath().normalize();
        this.workspacesRoot = root.resolve("workspaces");
        this.git = git;
        this.clock = clock;
        this.repositories = new SourceRepositories(root.resolve("repos"), git, locks);
    }

    public Workspace create(WorkspaceRequest request) {
        Path path = claimFolder(request.attemptId());
        String branch = request.branch();
        SourceRepository source;
        List<Path> files;
        String baseCommit;
        try {
            source = repositories.prepare(request.project());
            files = UntrackedFileCopier.check(source.checkout(), request.filesToCopy());
            baseCommit = locks.call(source.gitDir(), () -> register(request, source, path));
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(path); // register() has undone its own git changes
            throw e;
        }
        try {
            // The checkout `git worktree add` would do itself, here outside the repository's lock so that parallel
            // workspaces fill in at the same time. Unlike `worktree add`, it runs no post-checkout hook of the user's.
            // Parallel checkout: writing the files with several workers overlaps their I/O (a quarter faster on
            // 5,000 files here, even on two cores).
            git.run(path, "-c", "checkout.workers=" + CHECKOUT_WORKERS, "reset", "--hard", "--quiet");
            UntrackedFileCopier.copy(source.checkout(), files, path);
        } catch (RuntimeException e) {
            undo(source, path, branch, e);
            throw e;
        }
        return new Workspace(path, branch, baseCommit);
    }

    /** Deletes an attempt's workspace and its worktree registration; the branch stays. Nothing to do if it is gone. */
    public void remove(ProjectRepository project, String attemptId) {
        Path path = workspacePath(attemptId);
        SourceRepository source = repositories.open(project);
        removeWorktree(source, path);
    }

    /**
     * Removes the workspace of an attempt whose agent never started, and its branch: what a start interrupted by a
     * crash left, so that the attempt can start again from scratch.
     */
    public void discardUnstarted(ProjectRepository project, String attemptId, String branch) {
        SourceRepository source = repositories.open(project);
        removeWorktree(source, workspacePath(attemptId));
        locks.run(source.gitDir(), () -> {
            if (branchExists(source, branch)) {
                git.run(source.commandDirectory(), "branch", "-D", branch);
            }
        });
    }

    /** Removes the workspaces the policy selects and returns their attempt ids; a failure is logged and skipped. */
    public List<String> cleanUp(CleanupPolicy policy, List<AttemptWorkspace> workspaces) {
        Instant now = clock.instant();
        List<String> removed = new ArrayList<>();
        for (AttemptWorkspace workspace : workspaces) {
            if (!policy.shouldRemove(workspace, now)
                    || !Files.exists(workspacePath(workspace.attemptId()), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                remove(workspace.project(), workspace.attemptId());
                removed.add(workspace.attemptId());
            } catch (WorkspaceException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove the workspace of attempt {0}: {1}",
                        workspace.attemptId(), e.getMessage());
            }
        }
        return removed;
    }

    public DiskUsage diskUsage() {
        Map<String, Long> bytes = new TreeMap<>();
        if (Files.isDirectory(workspacesRoot)) {
            try (Stream<Path> folders = Files.list(workspacesRoot)) {
                folders.filter(folder -> Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))
                        .forEach(folder -> bytes.put(folder.getFileName().toString(), FileTrees.size(folder)));
            } catch (IOException e) {
                throw new WorkspaceException(Reason.IO_FAILED, "cannot list " + workspacesRoot, e);
            }
        }
        return new DiskUsage(bytes, bytes.values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Lends the project's repository to {@code work} under the lock workspace creation takes, so that what the work
     * writes (a branch, a push that updates remote-tracking refs) never races a workspace being made or removed in
     * the same repository. With {@code fetch}, a remote project's clone first gets the remote's latest branches
     * (cloned if there is none yet); without it, the repository is used as it is.
     */
    public <T> T withRepository(ProjectRepository project, boolean fetch, Function<SourceRepository, T> work) {
        SourceRepository source = fetch ? repositories.prepare(project) : repositories.open(project);
        return locks.call(source.gitDir(), () -> work.apply(source));
    }

    /**
     * Whether a folder (one that {@code git worktree list} names, say) is an attempt's workspace, by where it is:
     * right in the workspaces folder.
     */
    public boolean isWorkspace(Path folder) {
        Path parent = folder.toAbsolutePath().normalize().getParent();
        try {
            return parent != null && Files.isSameFile(parent, workspacesRoot);
        } catch (IOException e) { // one of them does not exist
            return false;
        }
    }

    /**
     * Checks that the attempt's workspace is still the linked worktree of the project's repository that Baton made,
     * before Baton runs git in it: a folder put in its place (the agent may write next to it) would bring a
     * {@code .git} of its own, whose config could make Baton's git run a program. The folder must be a real folder,
     * its {@code .git} a file naming a worktree record of the repository, and that record must name it back.
     */
    public void requireIntact(ProjectRepository project, String attemptId) {
        Path path = workspacePath(attemptId);
        Path worktrees = repositories.open(project).gitDir().resolve("worktrees").toAbsolutePath().normalize();
        try {
            Path link = path.resolve(".git");
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    || !Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
                throw tampered(attemptId, "it is not the folder with the .git link Baton made");
            }
            String pointer = Files.readString(link).strip();
            Path record = pointer.startsWith("gitdir: ") ? Path.of(pointer.substring(8)).toAbsolutePath().normalize()
                    : null;
            if (record == null || !worktrees.equals(record.getParent())) {
                throw tampered(attemptId, "its .git link does not lead to the project's repository");
            }
            Path back = record.resolve("gitdir");
            if (!Files.isRegularFile(back, LinkOption.NOFOLLOW_LINKS) || !Path.of(Files.readString(back).strip())
                    .toAbsolutePath().normalize().equals(link.toAbsolutePath().normalize())) {
                throw tampered(attemptId, "the repository's record of it names another folder");
            }
        } catch (IOException | InvalidPathException e) {
            throw tampered(attemptId, "its .git link cannot be read (" + e.getMessage() + ")");
        }
    }

    private static WorkspaceException tampered(String attemptId, String why) {
        return new WorkspaceException(Reason.WORKSPACE_TAMPERED, "the workspace of attempt " + attemptId
                + " was changed from outside its files: " + why + "; Baton runs no git in it");
    }

    /** Where an attempt's workspace is (or was, or will be). */
    public Path workspacePath(String attemptId) {
        return workspacesRoot.resolve(SafeId.require("attempt id", attemptId));
    }

    /**
     * Creates the attempt's empty folder, atomically: of two creations for one attempt only one gets it, and the
     * other cannot undo anything of the first. {@code git worktree add} accepts an empty folder.
     */
    private Path claimFolder(String attemptId) {
        Path path = workspacePath(attemptId);
        try {
            Files.createDirectories(workspacesRoot);
            return Files.createDirectory(path);
        } catch (FileAlreadyExistsException e) {
            throw new WorkspaceException(Reason.WORKSPACE_EXISTS, "attempt " + attemptId
                    + " already has a workspace at " + path);
        } catch (IOException e) {
            throw new WorkspaceException(Reason.IO_FAILED, "cannot create the workspace " + path, e);
        }
    }

    /**
     * Under the repository's lock: resolves the base commit, makes sure the branch is new, and registers the
     * worktree on it without checking out files yet. Returns the base commit's full SHA.
     */
    private String register(WorkspaceRequest request, SourceRepository source, Path path) {
        String branch = request.branch();
        String baseCommit;
        try (Repository repository = source.open()) {
            baseCommit = resolveBase(repository, source, request);
            if (repository.exactRef(Constants.R_HEADS + branch) != null) {
                throw new WorkspaceException(Reason.BRANCH_EXISTS, "branch " + branch + " already exists in "
                        + request.project().location() + ": an attempt's branch is never reused");
            }
        } catch (IOException e) {
            throw new WorkspaceException(Reason.IO_FAILED, "cannot read " + request.project().location(), e);
        }
        try {
            // Started from the SHA, not the branch name: the base is exactly the commit recorded, and no upstream
            // is configured for the new branch.
            git.run(source.commandDirectory(), "worktree", "add", "--quiet", "--no-checkout", "-b", branch,
                    path.toString(), baseCommit);
        } catch (WorkspaceException e) {
            undo(source, path, branch, e); // the branch did not exist before: checked above, under the same lock
            throw e;
        }
        return baseCommit;
    }

    private static String resolveBase(Repository repository, SourceRepository source, WorkspaceRequest request) {
        WorkspaceBase base = request.base();
        String revision = base.revision(source.cloned());
        String problem = "";
        try {
            ObjectId commit = revision == null ? null : repository.resolve(revision + "^{commit}");
            if (commit != null) {
                return commit.name();
            }
        } catch (IOException | RevisionSyntaxException e) {
            problem = ": " + e.getMessage();
        }
        throw new WorkspaceException(Reason.UNKNOWN_BASE, base.describe() + " does not exist in "
                + request.project().location() + problem);
    }

    /** Removes what a failed creation made (worktree, folder, branch), keeping the failure as the one reported. */
    private void undo(SourceRepository source, Path path, String branch, RuntimeException failure) {
        try {
            removeWorktree(source, path);
            locks.run(source.gitDir(), () -> {
                if (branchExists(source, branch)) {
                    git.run(source.commandDirectory(), "branch", "--quiet", "-D", branch);
                }
            });
        } catch (RuntimeException undoFailure) {
            failure.addSuppressed(undoFailure);
        }
    }

    /**
     * {@code git worktree remove} deletes the folder and its registration and touches nothing shared, so it runs
     * outside the lock; if git cannot (say the registration is already gone) the folder is deleted here. The prune
     * that follows drops registrations whose folder no longer exists, and runs under the lock.
     */
    /**
     * Deletes the worktree's files, then lets git forget it ({@code worktree prune}) under the repository's lock. Not
     * {@code git worktree remove}: it deletes git's record of the worktree without that lock, and a
     * {@code worktree add} running at the same moment failed on the record vanishing while it read the others.
     */
    private void removeWorktree(SourceRepository source, Path path) {
        try {
            FileTrees.delete(path);
        } catch (IOException e) {
            throw new WorkspaceException(Reason.IO_FAILED, "cannot delete the workspace " + path, e);
        }
        locks.run(source.gitDir(), () -> git.run(source.commandDirectory(), "worktree", "prune"));
    }

    private static boolean branchExists(SourceRepository source, String branch) {
        try (Repository repository = source.open()) {
            return repository.exactRef(Constants.R_HEADS + branch) != null;
        } catch (IOException e) {
            throw new WorkspaceException(Reason.IO_FAILED, "cannot read the branches of " + source.gitDir(), e);
        }
    }
}
