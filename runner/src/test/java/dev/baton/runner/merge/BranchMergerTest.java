package dev.baton.runner.merge;

import dev.baton.core.project.BotIdentity;
import dev.baton.runner.merge.MergeException.Reason;
import dev.baton.runner.merge.MergeOutcome.AlreadyMerged;
import dev.baton.runner.merge.MergeOutcome.Conflict;
import dev.baton.runner.merge.MergeOutcome.Merged;
import dev.baton.runner.merge.MergeOutcome.Refused;
import dev.baton.runner.workspace.CheckoutSnapshot;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.ProjectRepository;
import dev.baton.runner.workspace.TestRepos;
import dev.baton.runner.workspace.Workspace;
import dev.baton.runner.workspace.WorkspaceBase;
import dev.baton.runner.workspace.WorkspaceManager;
import dev.baton.runner.workspace.WorkspaceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merging an attempt's branch into the target branch of a project on the user's own checkout. */
class BranchMergerTest {

    static final BotIdentity BOT = new BotIdentity("Baton Bot", "bot@baton.dev");
    static final String MESSAGE = "Merge baton/t1/a1: add the agent's file";

    @TempDir
    Path temp;

    Path checkout;
    GitCli git = new GitCli("git", Duration.ofSeconds(30));
    WorkspaceManager workspaces;
    ProjectRepository project;

    @BeforeEach
    void setUp() {
        checkout = TestRepos.checkout(temp.resolve("checkout"), Map.of("README.md", "hello\n", "a.txt", "a\n",
                "b.txt", "b\n"));
        workspaces = new WorkspaceManager(temp.resolve("data"), git, Clock.systemUTC());
        project = ProjectRepository.local("p1", checkout);
    }

    @Test
    void fastForwardsATargetTheUserHasNotCheckedOutAndLeavesTheirCheckoutAlone() {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        git(checkout, "checkout", "--quiet", "-b", "feature");
        TestRepos.write(checkout, Map.of("README.md", "the user's edit\n"));
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Merged(agentCommit, true, false));
        assertThat(head(checkout, "main")).isEqualTo(agentCommit);
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
        assertThat(git(checkout, "reflog", "-1", "--format=%gs", "main")).isEqualTo("merge baton/t1/a1: Fast-forward");
    }

    @Test
    void fastForwardsTheUsersCleanCheckoutOfTheTargetFilesIncluded() throws Exception {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n", "README.md", "hello, agent\n"));

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Merged(agentCommit, true, true));
        assertThat(git(checkout, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
        assertThat(head(checkout, "HEAD")).isEqualTo(agentCommit);
        assertThat(Files.readString(checkout.resolve("agent.txt"))).isEqualTo("the agent's work\n");
        assertThat(Files.readString(checkout.resolve("README.md"))).isEqualTo("hello, agent\n");
        assertThat(git(checkout, "status", "--porcelain")).isEmpty();
    }

    @Test
    void makesAMergeCommitWithTheBotAsAuthorAndCommitterWhenTheTargetHasMovedOn() throws Exception {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        String userCommit = TestRepos.commitFile(checkout, "user.txt", "the user's work\n");

        Merged merged = (Merged) merger().merge(request("baton/t1/a1"));

        assertThat(merged.fastForward()).isFalse();
        assertThat(merged.checkoutUpdated()).isTrue();
        assertThat(head(checkout, "main")).isEqualTo(merged.commit());
        assertThat(parents(merged.commit())).containsExactly(userCommit, agentCommit);
        assertThat(git(checkout, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%B", merged.commit()))
                .isEqualTo("Baton Bot <bot@baton.dev>|Baton Bot <bot@baton.dev>|" + MESSAGE);
        assertThat(Files.readString(checkout.resolve("agent.txt"))).isEqualTo("the agent's work\n");
        assertThat(Files.readString(checkout.resolve("user.txt"))).isEqualTo("the user's work\n");
        assertThat(git(checkout, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aBranchTheTargetAlreadyContainsIsAnsweredWithTheTargetsHead() {
        attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        merger().merge(request("baton/t1/a1"));
        String later = TestRepos.commitFile(checkout, "later.txt", "later\n");

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new AlreadyMerged(later));
        assertThat(head(checkout, "main")).isEqualTo(later);
    }

    @Test
    void aConflictListsTheFilesAndChangesNothing() {
        String agentCommit = attempt("a1", Map.of("b.txt", "b by the agent\n", "a.txt", "a by the agent\n",
                "agent.txt", "fine\n"));
        String userCommit = commit(checkout, Map.of("a.txt", "a by the user\n", "b.txt", "b by the user\n",
                "README.md", "no conflict here\n"));
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Conflict(List.of("a.txt", "b.txt"), "merging baton/t1/a1 into main"
                + " conflicts in a.txt, b.txt: ask the agent for changes on top of the current main (request changes)"
                + " or resolve them by hand and approve again"));
        assertThat(head(checkout, "main")).isEqualTo(userCommit);
        assertThat(head(checkout, "baton/t1/a1")).isEqualTo(agentCommit);
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
    }

    @Test
    void binaryAndDeleteModifyConflictsAreListedToo() {
        commit(checkout, Map.of("logo.png", "\u0089PNG\0\0\0first"));
        attempt("a1", Map.of("logo.png", "\u0089PNG\0\0\0agent"));
        git(workspacePath("a1"), "rm", "--quiet", "a.txt");
        TestRepos.commitAll(workspacePath("a1"), "delete a.txt");
        String userCommit = commit(checkout, Map.of("logo.png", "\u0089PNG\0\0\0user", "a.txt", "a by the user\n"));

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isInstanceOfSatisfying(Conflict.class,
                conflict -> assertThat(conflict.files()).containsExactly("a.txt", "logo.png"));
        assertThat(head(checkout, "main")).isEqualTo(userCommit);
        assertThat(git(checkout, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aTargetThatMovedMeanwhileIsMergedAgainOnItsNewHead() {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        git(checkout, "checkout", "--quiet", "-b", "feature");
        Path other = temp.resolve("other");
        git(temp, "clone", "--quiet", "--branch", "main", checkout.toString(), other.toString());
        String[] concurrent = new String[1];
        AtomicInteger updates = new AtomicInteger();
        BranchMerger merger = new BranchMerger(workspaces, git, () -> {
            if (updates.incrementAndGet() == 1) { // someone else pushes to main between the merge and its update
                concurrent[0] = TestRepos.commitFile(other, "other.txt", "pushed meanwhile\n");
                git(other, "push", "--quiet", "origin", "main");
            }
        });

        Merged merged = (Merged) merger.merge(request("baton/t1/a1"));

        assertThat(updates).hasValue(2);
        assertThat(merged.fastForward()).isFalse();
        assertThat(head(checkout, "main")).isEqualTo(merged.commit());
        assertThat(parents(merged.commit())).containsExactly(concurrent[0], agentCommit);
        assertThat(git(checkout, "ls-tree", "--name-only", "main")).contains("agent.txt", "other.txt");
    }

    @Test
    void aCheckoutOfTheTargetThatMovedMeanwhileIsUpdatedWithTheMergeOnItsNewHead() throws Exception {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        String[] userCommit = new String[1];
        AtomicInteger updates = new AtomicInteger();
        BranchMerger merger = new BranchMerger(workspaces, git, () -> {
            if (updates.incrementAndGet() == 1) { // the user commits between the merge and the checkout's update
                userCommit[0] = TestRepos.commitFile(checkout, "user.txt", "committed meanwhile\n");
            }
        });

        Merged merged = (Merged) merger.merge(request("baton/t1/a1"));

        assertThat(updates).hasValue(2);
        assertThat(merged.checkoutUpdated()).isTrue();
        assertThat(parents(merged.commit())).containsExactly(userCommit[0], agentCommit);
        assertThat(head(checkout, "HEAD")).isEqualTo(merged.commit());
        assertThat(Files.readString(checkout.resolve("agent.txt"))).isEqualTo("the agent's work\n");
        assertThat(git(checkout, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aTargetThatKeepsMovingIsGivenUpAfterAFewTries() {
        attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        AtomicInteger updates = new AtomicInteger();
        BranchMerger merger = new BranchMerger(workspaces, git,
                () -> TestRepos.commitFile(checkout, "user.txt", "commit " + updates.incrementAndGet() + "\n"));

        assertThatThrownBy(() -> merger.merge(request("baton/t1/a1")))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TARGET_KEEPS_MOVING);
                    assertThat(e.getMessage()).isEqualTo("main of " + checkout + " moved every time baton/t1/a1 was"
                            + " merged into it (5 tries): approve again");
                });
        assertThat(updates).hasValue(BranchMerger.TRIES);
        assertThat(git(checkout, "log", "--format=%s", "main")).doesNotContain(MESSAGE);
    }

    @Test
    void aCheckoutOfTheTargetWithUncommittedChangesIsRefusedAndNothingChanges() throws Exception {
        attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        String mainHead = head(checkout, "main");
        TestRepos.write(checkout, Map.of("README.md", "unstaged edit\n", "staged.txt", "staged\n",
                "notes.txt", "untracked\n"));
        git(checkout, "add", "staged.txt");
        git(checkout, "mv", "b.txt", "renamed.txt");
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Refused(List.of("README.md", "b.txt", "renamed.txt", "staged.txt"),
                "main is checked out in " + checkout.toRealPath() + " with uncommitted changes to README.md, b.txt,"
                        + " renamed.txt, staged.txt: commit or stash them there, then approve again"));
        assertThat(head(checkout, "main")).isEqualTo(mainHead);
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
    }

    @Test
    void aChangeTheUserMakesWhileTheMergeIsUnderWayStillRefusesIt() throws Exception {
        attempt("a1", Map.of("README.md", "the agent's readme\n"));
        String mainHead = head(checkout, "main");
        BranchMerger merger = new BranchMerger(workspaces, git,
                () -> TestRepos.write(checkout, Map.of("README.md", "the user's edit, just now\n")));

        MergeOutcome outcome = merger.merge(request("baton/t1/a1"));

        assertThat(outcome).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.files()).containsExactly("README.md"));
        assertThat(head(checkout, "main")).isEqualTo(mainHead);
        assertThat(Files.readString(checkout.resolve("README.md"))).isEqualTo("the user's edit, just now\n");
    }

    @Test
    void untrackedFilesTheMergeDoesNotTouchDoNotBlockIt() throws Exception {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n", "docs/guide.md", "guide\n"));
        TestRepos.write(checkout, Map.of("notes.txt", "the user's notes\n", "docs/draft.md", "a draft\n"));

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Merged(agentCommit, true, true));
        assertThat(Files.readString(checkout.resolve("notes.txt"))).isEqualTo("the user's notes\n");
        assertThat(Files.readString(checkout.resolve("docs/guide.md"))).isEqualTo("guide\n");
        assertThat(git(checkout, "status", "--porcelain", "--untracked-files=all").lines())
                .containsExactly("?? docs/draft.md", "?? notes.txt");
    }

    @Test
    void untrackedFilesTheMergeWouldOverwriteAreRefused() throws Exception {
        attempt("a1", Map.of("agent.txt", "the agent's work\n", "docs/guide.md", "guide\n", "build", "a file\n"));
        String mainHead = head(checkout, "main");
        TestRepos.write(checkout, Map.of("agent.txt", "the user's own\n", "docs", "a file where a folder comes\n",
                "build/out.txt", "in a folder where a file comes\n", "notes.txt", "not in the way\n"));
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Refused(List.of("agent.txt", "build/out.txt", "docs"), "main is checked"
                + " out in " + checkout.toRealPath() + " with untracked files the merge would overwrite: agent.txt,"
                + " build/out.txt, docs: commit or stash them there (git stash --include-untracked takes untracked"
                + " files too), then approve again"));
        assertThat(head(checkout, "main")).isEqualTo(mainHead);
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
    }

    @Test
    void aLinkedWorktreeOfTheUsersOnTheTargetMovesWithIt() throws Exception {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        git(checkout, "checkout", "--quiet", "-b", "feature");
        Path linked = temp.resolve("linked");
        git(checkout, "worktree", "add", "--quiet", linked.toString(), "main");

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Merged(agentCommit, true, true));
        assertThat(Files.readString(linked.resolve("agent.txt"))).isEqualTo("the agent's work\n");
        assertThat(git(linked, "status", "--porcelain")).isEmpty();
        assertThat(checkout.resolve("agent.txt")).doesNotExist();
    }

    @Test
    void anAttemptsWorkspaceOnTheTargetIsNotTreatedAsTheUsersCheckout() throws Exception {
        String agentCommit = attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        git(checkout, "checkout", "--quiet", "-b", "feature");
        Path otherWorkspace = create("a2");
        git(otherWorkspace, "checkout", "--quiet", "main"); // an agent switched its workspace to main
        TestRepos.write(otherWorkspace, Map.of("README.md", "the other agent's uncommitted edit\n"));

        MergeOutcome outcome = merger().merge(request("baton/t1/a1"));

        assertThat(outcome).isEqualTo(new Merged(agentCommit, true, false));
        assertThat(head(checkout, "main")).isEqualTo(agentCommit);
        assertThat(Files.readString(otherWorkspace.resolve("README.md"))).isEqualTo("the other agent's uncommitted edit\n");
        assertThat(otherWorkspace.resolve("agent.txt")).doesNotExist();
    }

    @Test
    void aMissingBranchTargetOrRepositoryIsAClearError() throws Exception {
        attempt("a1", Map.of("agent.txt", "the agent's work\n"));
        String mainHead = head(checkout, "main");

        assertThatThrownBy(() -> merger().merge(request("baton/t9/a9")))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_BRANCH);
                    assertThat(e.getMessage()).isEqualTo("branch baton/t9/a9 does not exist in " + checkout);
                });
        assertThatThrownBy(() -> merger().merge(new MergeRequest(project, "baton/t1/a1", "develop", BOT, MESSAGE)))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_TARGET);
                    assertThat(e.getMessage()).isEqualTo("branch develop does not exist in " + checkout);
                });
        Path plain = Files.createDirectories(temp.resolve("plain"));
        assertThatThrownBy(() -> merger().merge(new MergeRequest(ProjectRepository.local("p2", plain), "baton/t1/a1",
                "main", BOT, MESSAGE)))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_UNAVAILABLE);
                    assertThat(e.getMessage()).contains(plain.toString());
                });
        assertThat(head(checkout, "main")).isEqualTo(mainHead);
    }

    @Test
    void namesThatAreNotBranchesAreRefused() {
        for (String name : List.of("main~1", "refs/heads/main", "", "a..b", "-x", "a b")) {
            assertThatThrownBy(() -> new MergeRequest(project, "baton/t1/a1", name, BOT, MESSAGE))
                    .isInstanceOfSatisfying(MergeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
        }
    }

    private BranchMerger merger() {
        return new BranchMerger(workspaces, git);
    }

    private MergeRequest request(String branch) {
        return new MergeRequest(project, branch, "main", BOT, MESSAGE);
    }

    /** An attempt's workspace from main, with the agent's work committed on its branch; answers that commit. */
    private String attempt(String attemptId, Map<String, String> files) {
        return commit(create(attemptId), files);
    }

    private Path create(String attemptId) {
        return workspaces.create(new WorkspaceRequest(project, "t1", attemptId, WorkspaceBase.branch("main"))).path();
    }

    private Path workspacePath(String attemptId) {
        return temp.resolve("data/workspaces").resolve(attemptId);
    }

    private static String commit(Path worktree, Map<String, String> files) {
        TestRepos.write(worktree, files);
        TestRepos.commitAll(worktree, "change " + String.join(", ", files.keySet()));
        return head(worktree, "HEAD");
    }

    private List<String> parents(String commit) {
        List<String> line = List.of(git(checkout, "rev-list", "--parents", "-n", "1", commit).split(" "));
        return line.subList(1, line.size());
    }
}
