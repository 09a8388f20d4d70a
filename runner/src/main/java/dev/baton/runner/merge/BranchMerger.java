package dev.baton.runner.merge;

import dev.baton.runner.merge.MergeException.Reason;
import dev.baton.runner.merge.MergeOutcome.AlreadyMerged;
import dev.baton.runner.merge.MergeOutcome.Conflict;
import dev.baton.runner.merge.MergeOutcome.Merged;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.ProjectRepository;
import dev.baton.runner.workspace.SourceRepository;
import dev.baton.runner.workspace.WorkspaceException;
import dev.baton.runner.workspace.WorkspaceManager;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Merges an approved attempt's branch into the project's target branch without checking anything out: the merge is
 * computed in memory ({@link InCoreMerge}) and the target moves only if it still is where the merge started from.
 * If it moved meanwhile, the merge is done again on its new head, a few times at most; nothing is ever overwritten.
 * <ul>
 *   <li>A local project's target is updated in place. If the user has it checked out and clean, the checkout moves
 *       along ({@code git merge --ff-only} there: branch, index and files together); with uncommitted changes it is
 *       left alone and the merge is {@link MergeOutcome.Refused refused}.</li>
 *   <li>A remote project's merge is made in Baton's clone on the remote's branch as just fetched, and pushed: a
 *       plain push is refused by the remote if its branch moved since.</li>
 * </ul>
 * Everything that reads or writes the repository runs under the lock its workspaces are made under.
 */
@Component
public class BranchMerger {

    private static final System.Logger LOG = System.getLogger(BranchMerger.class.getName());
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);
    /** How many times a merge is computed before giving up on a target that keeps moving. */
    static final int TRIES = 5;

    private final WorkspaceManager workspaces;
    private final GitCli git;
    private final Runnable beforeTargetUpdate;

    @Autowired
    public BranchMerger(WorkspaceManager workspaces) {
        this(workspaces, new GitCli("git", GIT_TIMEOUT));
    }

    public BranchMerger(WorkspaceManager workspaces, GitCli git) {
        this(workspaces, git, () -> {
        });
    }

    /** For tests: {@code beforeTargetUpdate} runs after each merge is computed, before the target is updated. */
    BranchMerger(WorkspaceManager workspaces, GitCli git, Runnable beforeTargetUpdate) {
        this.workspaces = workspaces;
        this.git = git;
        this.beforeTargetUpdate = beforeTargetUpdate;
    }

    public MergeOutcome merge(MergeRequest request) {
        ProjectRepository project = request.project();
        Function<SourceRepository, Optional<MergeOutcome>> tryOnce = project.isRemote()
                ? source -> mergeAndPush(source, request) : source -> mergeInPlace(source, request);
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            Optional<MergeOutcome> outcome = withRepository(project, tryOnce);
            if (outcome.isPresent()) {
                LOG.log(System.Logger.Level.INFO, "merging {0} into {1} of {2}: {3}", request.branch(),
                        request.target(), project.location(), outcome.get());
                return outcome.get();
            }
        }
        throw new MergeException(Reason.TARGET_KEEPS_MOVING, request.target() + " of " + project.location()
                + " moved every time " + request.branch() + " was merged into it (" + TRIES + " tries): approve again");
    }

    /** One try on a local project; empty if the target moved meanwhile. */
    private Optional<MergeOutcome> mergeInPlace(SourceRepository source, MergeRequest request) {
        String targetRef = Constants.R_HEADS + request.target();
        try (Repository repository = source.open()) {
            ObjectId target = head(repository, targetRef, request.target(), Reason.NO_TARGET, request.project());
            InCoreMerge.Result result = merge(repository, target, request);
            if (!(result instanceof InCoreMerge.Update update)) {
                return Optional.of(answer(result, request));
            }
            Optional<UserCheckout> checkout = UserCheckout.find(git, source, request.target(), workspaces::isWorkspace);
            if (checkout.isPresent()) {
                return updateCheckout(checkout.get(), repository, update, request);
            }
            beforeTargetUpdate.run();
            RefUpdate refUpdate = repository.updateRef(targetRef);
            refUpdate.setExpectedOldObjectId(target);
            refUpdate.setNewObjectId(update.commit());
            refUpdate.setRefLogIdent(identity(request));
            refUpdate.setRefLogMessage("merge " + request.branch() + ": "
                    + (update.fastForward() ? "Fast-forward" : "Merge made by Baton"), false);
            RefUpdate.Result updated = refUpdate.update();
            return switch (updated) {
                case FAST_FORWARD -> Optional.of(new Merged(update.commit().name(), update.fastForward(), false));
                case LOCK_FAILURE, REJECTED -> Optional.empty(); // it moved, or is being moved, meanwhile
                default -> throw new MergeException(Reason.GIT_FAILED, "cannot move " + request.target() + " of "
                        + request.project().location() + " to " + update.commit().name() + ": " + updated);
            };
        } catch (IOException e) {
            throw new MergeException(Reason.GIT_FAILED, "cannot merge " + request.branch() + " into "
                    + request.target() + " of " + request.project().location() + ": " + e.getMessage(), e);
        }
    }

    private Optional<MergeOutcome> updateCheckout(UserCheckout checkout, Repository repository,
                                                  InCoreMerge.Update update, MergeRequest request) throws IOException {
        Optional<MergeOutcome.Refused> refusal = checkout.refusal(git, repository, update.target(), update.commit(),
                request.target());
        if (refusal.isPresent()) {
            return Optional.of(refusal.get());
        }
        beforeTargetUpdate.run();
        try {
            checkout.fastForward(git, update.commit());
            return Optional.of(new Merged(update.commit().name(), update.fastForward(), true));
        } catch (WorkspaceException e) {
            // git refuses when the branch moved or the user changed files since they were checked: see which.
            ObjectId now = head(repository, Constants.R_HEADS + request.target(), request.target(), Reason.NO_TARGET,
                    request.project());
            if (!update.target().equals(now)) {
                return Optional.empty();
            }
            refusal = checkout.refusal(git, repository, update.target(), update.commit(), request.target());
            if (refusal.isPresent()) {
                return Optional.of(refusal.get());
            }
            throw new MergeException(Reason.GIT_FAILED, "cannot move the checkout " + checkout.folder() + " of "
                    + request.target() + " to the merge: " + e.getMessage(), e);
        }
    }

    /** One try on a remote project, in the clone just fetched; empty if the remote's target moved meanwhile. */
    private Optional<MergeOutcome> mergeAndPush(SourceRepository source, MergeRequest request) {
        try (Repository repository = source.open()) {
            ObjectId target = head(repository, Constants.R_REMOTES + "origin/" + request.target(), request.target(),
                    Reason.NO_TARGET, request.project());
            InCoreMerge.Result result = merge(repository, target, request);
            if (!(result instanceof InCoreMerge.Update update)) {
                return Optional.of(answer(result, request));
            }
            beforeTargetUpdate.run();
            String destination = Constants.R_HEADS + request.target();
            try {
                git.run(source.gitDir(), "push", "--quiet", "origin", update.commit().name() + ":" + destination);
                return Optional.of(new Merged(update.commit().name(), update.fastForward(), false));
            } catch (WorkspaceException pushFailure) {
                if (remoteMoved(source, destination, target, pushFailure)) {
                    return Optional.empty();
                }
                throw new MergeException(Reason.PUSH_FAILED, "cannot push the merge of " + request.branch()
                        + " into " + request.target() + " to " + request.project().location() + ": "
                        + pushFailure.getMessage(), pushFailure);
            }
        } catch (IOException e) {
            throw new MergeException(Reason.GIT_FAILED, "cannot merge " + request.branch() + " into "
                    + request.target() + " in the clone of " + request.project().location() + ": " + e.getMessage(), e);
        }
    }

    /** Whether a refused push was refused because the remote's branch is no longer at {@code expected}. */
    private boolean remoteMoved(SourceRepository source, String ref, ObjectId expected,
                                WorkspaceException pushFailure) {
        try {
            String listed = git.run(source.gitDir(), "ls-remote", "origin", ref);
            return !listed.startsWith(expected.name() + "\t");
        } catch (WorkspaceException e) {
            pushFailure.addSuppressed(e);
            return false;
        }
    }

    private InCoreMerge.Result merge(Repository repository, ObjectId target, MergeRequest request) throws IOException {
        ObjectId branch = head(repository, Constants.R_HEADS + request.branch(), request.branch(), Reason.NO_BRANCH,
                request.project());
        return InCoreMerge.merge(repository, target, branch, identity(request), request.message());
    }

    /** The outcome of a merge that updates nothing: already merged, or a conflict. */
    private static MergeOutcome answer(InCoreMerge.Result result, MergeRequest request) {
        if (result instanceof InCoreMerge.UpToDate upToDate) {
            return new AlreadyMerged(upToDate.target().name());
        }
        List<String> files = ((InCoreMerge.Conflicting) result).files();
        return new Conflict(files, "merging " + request.branch() + " into " + request.target() + " conflicts in "
                + FileNames.describe(files) + ": ask the agent for changes on top of the current " + request.target()
                + " (request changes) or resolve them by hand and approve again");
    }

    private static ObjectId head(Repository repository, String ref, String branch, Reason missing,
                                 ProjectRepository project) throws IOException {
        Ref found = repository.exactRef(ref);
        if (found == null || found.getObjectId() == null) {
            throw new MergeException(missing, "branch " + branch + " does not exist in " + project.location());
        }
        return found.getObjectId();
    }

    private static PersonIdent identity(MergeRequest request) {
        return new PersonIdent(request.committer().name(), request.committer().email());
    }

    /** Lends the repository (a remote project's clone fetched first). */
    private <T> T withRepository(ProjectRepository project, Function<SourceRepository, T> work) {
        try {
            return workspaces.withRepository(project, project.isRemote(), work);
        } catch (WorkspaceException e) {
            throw MergeException.from(e);
        }
    }
}
