package dev.baton.runner.merge;

import dev.baton.runner.merge.MergeException.Reason;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.SourceRepository;
import dev.baton.runner.workspace.WorkspaceException;
import dev.baton.runner.workspace.WorkspaceManager;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.time.Duration;

/**
 * Delivers an approved attempt as a pull request: pushes its branch to the project's remote (a local project's
 * {@code origin}, a remote project's URL) and opens a pull request of it into the target branch on GitHub, whose
 * repository is the one the remote's URL names. Approving again answers the pull request already open.
 */
public class PullRequestOpener {

    private static final System.Logger LOG = System.getLogger(PullRequestOpener.class.getName());
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);

    private final WorkspaceManager workspaces;
    private final GitCli git;
    private final GitHubClient github;

    public PullRequestOpener(WorkspaceManager workspaces, GitHubClient github) {
        this(workspaces, new GitCli("git", GIT_TIMEOUT), github);
    }

    public PullRequestOpener(WorkspaceManager workspaces, GitCli git, GitHubClient github) {
        this.workspaces = workspaces;
        this.git = git;
        this.github = github;
    }

    public PullRequest open(NewPullRequest request) {
        github.requireToken(); // before anything is pushed
        GitHubRepository repository;
        try {
            // A remote project's clone is fetched first, which also gives its origin the project's current URL.
            repository = workspaces.withRepository(request.project(), true, source -> push(source, request));
        } catch (WorkspaceException e) {
            throw MergeException.from(e);
        }
        PullRequest pullRequest = github.openPullRequest(repository, request.branch(), request.base(),
                request.title(), request.body());
        LOG.log(System.Logger.Level.INFO, "pull request {0} of {1} into {2}: {3}", pullRequest.number(),
                request.branch(), request.base(), pullRequest.url());
        return pullRequest;
    }

    /** Pushes the branch to origin and answers the GitHub repository origin is. */
    private GitHubRepository push(SourceRepository source, NewPullRequest request) {
        String ref = Constants.R_HEADS + request.branch();
        String url;
        try (Repository repository = source.open()) {
            if (repository.exactRef(ref) == null) {
                throw new MergeException(Reason.NO_BRANCH, "branch " + request.branch() + " does not exist in "
                        + request.project().location());
            }
            url = repository.getConfig().getString("remote", "origin", "url");
        } catch (IOException e) {
            throw new MergeException(Reason.GIT_FAILED, "cannot read " + request.project().location() + ": "
                    + e.getMessage(), e);
        }
        if (url == null) {
            throw new MergeException(Reason.NO_GITHUB_REMOTE, request.project().location() + " has no remote named"
                    + " origin to push " + request.branch() + " to: add the GitHub repository as origin");
        }
        GitHubRepository repository = GitHubRepository.fromRemote(url).orElseThrow(() -> new MergeException(
                Reason.NO_GITHUB_REMOTE, "origin's URL " + url + " does not name a GitHub repository owner/name"));
        try {
            git.run(source.commandDirectory(), "push", "--quiet", "origin", ref + ":" + ref);
        } catch (WorkspaceException e) {
            throw new MergeException(Reason.PUSH_FAILED, "cannot push " + request.branch() + " to " + url + ": "
                    + e.getMessage(), e);
        }
        return repository;
    }
}
