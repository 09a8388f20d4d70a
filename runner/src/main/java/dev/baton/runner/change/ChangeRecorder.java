package dev.baton.runner.change;

import dev.baton.core.project.BotIdentity;
import dev.baton.runner.change.ChangeException.Reason;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.Workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Commits what an agent left in its workspace onto the attempt's branch, as the project's bot.
 * <p>
 * Everything is staged as {@code git add --all} would (new, changed, deleted and renamed files; ignored files stay
 * out), except untracked folders that are git repositories of their own (an agent's {@code git init}, or a tool
 * that runs it): git would record such a folder as an embedded repository, a bare pointer to a commit nobody else
 * has, or fail when it has no commit yet. They are left out, named in the result and logged.
 * <p>
 * The commit is made with plumbing ({@code write-tree}, {@code commit-tree}, {@code update-ref}) and, as every
 * command of {@link GitCli}, without hooks (not even the reference-transaction hook that {@code update-ref} runs),
 * so no hook of the user's runs, nothing is signed, and no commit template or message clean-up applies. The author
 * and committer are the bot, set through the environment, which overrides any {@code user.*} or {@code author.*}
 * configuration. The branch is moved only if it still points where it did, so a concurrent move fails instead of
 * being lost.
 */
public final class ChangeRecorder {

    private static final System.Logger LOG = System.getLogger(ChangeRecorder.class.getName());
    /** State files of operations a commit must not cut into, as named by {@code git rev-parse --git-path}. */
    private static final List<Map.Entry<String, String>> OPERATIONS = List.of(
            Map.entry("MERGE_HEAD", "a merge"), Map.entry("rebase-merge", "a rebase"),
            Map.entry("rebase-apply", "a rebase or git am"), Map.entry("CHERRY_PICK_HEAD", "a cherry-pick"),
            Map.entry("REVERT_HEAD", "a revert"), Map.entry("BISECT_LOG", "a bisect"));

    private final GitCli git;

    public ChangeRecorder(GitCli git) {
        this.git = git;
    }

    /**
     * Commits all changes in the workspace on top of its branch's head, which may already be beyond the base commit
     * when the agent committed by itself. When there is nothing to commit, no commit is made and the head is
     * answered as it is (the base commit, if the agent did nothing).
     *
     * @throws ChangeException when the workspace is in the middle of an operation, not on the attempt's branch, or
     *                         its branch no longer contains the base commit
     */
    public RecordedChange commitAll(Workspace workspace, BotIdentity identity, String message) {
        return commitAll(workspace, identity, message, List.of());
    }

    /**
     * The same, leaving out {@code copiedFiles}: untracked files of the user's checkout (such as {@code .env}) that
     * were copied into the workspace, which must not end up in the attempt's branch, whatever the agent did to them.
     */
    public RecordedChange commitAll(Workspace workspace, BotIdentity identity, String message,
                                    List<String> copiedFiles) {
        requireText("commit message", message);
        requireText("bot name", identity.name());
        requireText("bot email", identity.email());
        Path directory = workspace.path();
        refuseUnfinishedOperation(directory);
        String head = branchHead(directory, workspace.branch());
        requireBaseInHistory(directory, CommitIds.require("base commit", workspace.baseCommit()), head);

        List<String> repositories = untrackedRepositories(directory);
        if (!repositories.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not committing the nested git repositories {0} in {1}",
                    repositories, directory);
        }
        stageAll(directory, repositories, copiedFiles);
        String tree = git(directory, "write-tree");
        if (tree.equals(git(directory, "rev-parse", "--verify", head + "^{tree}"))) {
            return new RecordedChange(head, false, repositories);
        }
        GitCli asBot = git.withEnvironment(Map.of("GIT_AUTHOR_NAME", identity.name(), "GIT_AUTHOR_EMAIL",
                identity.email(), "GIT_COMMITTER_NAME", identity.name(), "GIT_COMMITTER_EMAIL", identity.email()));
        String commit = asBot.run(directory, "commit-tree", "--no-gpg-sign", "-p", head, "-m", message, tree);
        git(directory, "update-ref", "-m", "baton: commit the agent's changes", "refs/heads/" + workspace.branch(),
                commit, head);
        return new RecordedChange(commit, true, repositories);
    }

    private void refuseUnfinishedOperation(Path directory) {
        List<String> args = new ArrayList<>(List.of("rev-parse"));
        OPERATIONS.forEach(operation -> args.addAll(List.of("--git-path", operation.getKey())));
        List<String> paths = git(directory, args.toArray(String[]::new)).lines().toList();
        for (int i = 0; i < OPERATIONS.size(); i++) {
            if (Files.exists(directory.resolve(paths.get(i)))) {
                throw new ChangeException(Reason.UNFINISHED_OPERATION, directory + " is in the middle of "
                        + OPERATIONS.get(i).getValue() + ": finish or abort it before its changes are committed");
            }
        }
        if (!git(directory, "ls-files", "--unmerged").isEmpty()) {
            throw new ChangeException(Reason.UNFINISHED_OPERATION, directory
                    + " has unresolved conflicts: resolve them before its changes are committed");
        }
    }

    /** The commit the attempt's branch points at, when HEAD is that branch. */
    private String branchHead(Path directory, String branch) {
        String ref = git(directory, "rev-parse", "--symbolic-full-name", "HEAD");
        if (!ref.equals("refs/heads/" + branch)) {
            throw new ChangeException(Reason.NOT_ON_BRANCH, "HEAD of " + directory + " is "
                    + (ref.equals("HEAD") ? "detached" : "on " + ref) + ", not on the attempt's branch " + branch);
        }
        return git(directory, "rev-parse", "--verify", "HEAD^{commit}");
    }

    private void requireBaseInHistory(Path directory, String base, String head) {
        if (!git(directory, "rev-list", "--max-count=1", base, "^" + head).isEmpty()) {
            throw new ChangeException(Reason.BASE_NOT_IN_HISTORY, "the branch in " + directory
                    + " no longer contains its base commit " + base + ": its history was reset or rewritten");
        }
    }

    /** Untracked, not ignored folders with a {@code .git} of their own, which {@code ls-files} shows as "dir/". */
    private List<String> untrackedRepositories(Path directory) {
        String listing = git.read(directory, output -> new String(output.readAllBytes(), StandardCharsets.UTF_8),
                "ls-files", "-z", "--others", "--exclude-standard");
        return Arrays.stream(listing.split("\0")).filter(path -> path.endsWith("/"))
                .map(path -> path.substring(0, path.length() - 1)).toList();
    }

    private void stageAll(Path directory, List<String> excludedFolders, List<String> excludedFiles) {
        List<String> args = new ArrayList<>(List.of("add", "--all", "--", "."));
        excludedFolders.forEach(path -> args.add(":(exclude,literal)" + path + "/"));
        excludedFiles.forEach(path -> args.add(":(exclude,literal)" + path));
        git(directory, args.toArray(String[]::new));
    }

    private String git(Path directory, String... args) {
        return git.run(directory, args);
    }

    private static void requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new ChangeException(Reason.INVALID_REQUEST, "the " + what + " is empty");
        }
    }
}
