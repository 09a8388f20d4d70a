package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.runner.workspace.TestRepos.branchExists;
import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static dev.baton.runner.workspace.TestRepos.worktrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workspaces of a project on the user's own checkout. */
class WorkspaceManagerTest {

    @TempDir
    Path temp;

    Path checkout;
    Path dataDir;
    WorkspaceManager workspaces;
    ProjectRepository project;

    @BeforeEach
    void setUp() {
        checkout = TestRepos.checkout(temp.resolve("checkout"), Map.of("README.md", "hello\n", "src/App.java", "class App {}\n"));
        dataDir = temp.resolve("data");
        workspaces = new WorkspaceManager(dataDir, new GitCli("git", Duration.ofSeconds(30)), Clock.systemUTC());
        project = ProjectRepository.local("p1", checkout);
    }

    @Test
    void createsAWorktreeOnANewBranchFromTheBaseBranchWithoutTouchingTheUsersCheckout() throws Exception {
        String mainHead = head(checkout, "main");
        // The user is on another branch, with a staged change, an unstaged change and an untracked file.
        git(checkout, "checkout", "--quiet", "-b", "feature");
        TestRepos.commitFile(checkout, "feature.txt", "feature work\n");
        TestRepos.write(checkout, Map.of("staged.txt", "staged\n"));
        git(checkout, "add", "staged.txt");
        TestRepos.write(checkout, Map.of("README.md", "edited by the user\n", "notes.txt", "untracked\n"));
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        Workspace workspace = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));

        assertThat(workspace.path()).isEqualTo(dataDir.toAbsolutePath().resolve("workspaces/a1"));
        assertThat(workspace.branch()).isEqualTo("baton/t1/a1");
        assertThat(workspace.baseCommit()).isEqualTo(mainHead).hasSize(40);
        assertThat(git(workspace.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo("baton/t1/a1");
        assertThat(head(workspace.path(), "HEAD")).isEqualTo(mainHead);
        assertThat(git(workspace.path(), "status", "--porcelain")).isEmpty();
        assertThat(Files.readString(workspace.path().resolve("README.md"))).isEqualTo("hello\n");
        assertThat(workspace.path().resolve("feature.txt")).doesNotExist();
        assertThat(workspace.path().resolve("notes.txt")).doesNotExist();
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
    }

    @Test
    void aWorkspaceReplacedByAnotherFolderOrRelinkedIsNotTakenForItsWorktree() throws Exception {
        Workspace workspace = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));
        workspaces.requireIntact(project, "a1");

        // an agent moves its worktree aside and puts a repository of its own (its own config) in its place
        Path aside = temp.resolve("aside");
        Files.move(workspace.path(), aside);
        TestRepos.checkout(workspace.path(), Map.of("README.md", "decoy\n"));
        assertThatThrownBy(() -> workspaces.requireIntact(project, "a1")).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("not the folder with the .git link");

        // the same worktree back, but its link pointed at another repository's record
        FileTrees.delete(workspace.path());
        Files.move(aside, workspace.path());
        Path link = workspace.path().resolve(".git");
        String original = Files.readString(link);
        Files.writeString(link, "gitdir: " + temp.resolve("elsewhere/.git/worktrees/a1") + "\n");
        assertThatThrownBy(() -> workspaces.requireIntact(project, "a1"))
                .hasMessageContaining("does not lead to the project's repository");

        // linked to the record of another attempt's worktree: that record names the other folder
        Files.writeString(link, original);
        workspaces.requireIntact(project, "a1");
        Workspace other = workspaces.create(request("t2", "a2", WorkspaceBase.branch("main")));
        Files.writeString(link, Files.readString(other.path().resolve(".git")));
        assertThatThrownBy(() -> workspaces.requireIntact(project, "a1"))
                .hasMessageContaining("names another folder");
    }

    @Test
    void startsFromAGivenBaseCommitAndRecordsItsFullSha() throws Exception {
        String first = head(checkout, "main");
        TestRepos.commitFile(checkout, "later.txt", "later\n");

        Workspace workspace = workspaces.create(request("t1", "a1", WorkspaceBase.commit(first.substring(0, 10))));

        assertThat(workspace.baseCommit()).isEqualTo(first);
        assertThat(workspace.path().resolve("later.txt")).doesNotExist();
        assertThat(Files.readString(workspace.path().resolve("src/App.java"))).isEqualTo("class App {}\n");
    }

    @Test
    void aFollowUpAttemptContinuesFromThePreviousAttemptsBranch() throws Exception {
        Workspace first = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));
        String agentCommit = TestRepos.commitFile(first.path(), "agent.txt", "the agent's work\n");

        Workspace followUp = workspaces.create(request("t1", "a2", WorkspaceBase.previousAttempt(first.branch())));

        assertThat(followUp.branch()).isEqualTo("baton/t1/a2");
        assertThat(followUp.baseCommit()).isEqualTo(agentCommit);
        assertThat(Files.readString(followUp.path().resolve("agent.txt"))).isEqualTo("the agent's work\n");
        assertThat(head(checkout, "baton/t1/a1")).isEqualTo(agentCommit);
    }

    @Test
    void anUnknownBaseIsRefusedAndLeavesNothingBehind() {
        String firstHead = head(checkout, "main");
        for (WorkspaceBase base : List.of(WorkspaceBase.branch("nope"), WorkspaceBase.branch("main~1"),
                WorkspaceBase.commit("0123456789abcdef0123456789abcdef01234567"), WorkspaceBase.commit("HEAD"),
                WorkspaceBase.previousAttempt("baton/t0/a0"))) {
            assertThatThrownBy(() -> workspaces.create(request("t1", "a1", base)))
                    .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_BASE);
                        assertThat(e.getMessage()).contains(base.describe(), "does not exist in " + checkout);
                    });
            assertNothingLeftFor("a1", "baton/t1/a1");
        }
        assertThat(head(checkout, "main")).isEqualTo(firstHead);
    }

    @Test
    void aFolderThatIsNotTheTopOfAGitRepositoryIsRefused() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        for (Path path : List.of(plain, temp.resolve("missing"), checkout.resolve("src"))) {
            assertThatThrownBy(() -> workspaces.create(new WorkspaceRequest(ProjectRepository.local("p2", path), "t1",
                    "a1", WorkspaceBase.branch("main"))))
                    .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_A_GIT_REPOSITORY);
                        assertThat(e.getMessage()).contains(path.toString());
                    });
            assertThat(dataDir.resolve("workspaces/a1")).doesNotExist();
        }
        assertThat(branchExists(checkout, "baton/t1/a1")).isFalse();
    }

    @Test
    void aBranchThatAlreadyExistsIsRefusedAndKeptAsItWas() {
        String first = head(checkout, "main");
        git(checkout, "branch", "baton/t1/a1", first);
        TestRepos.commitFile(checkout, "second.txt", "second\n");

        assertThatThrownBy(() -> workspaces.create(request("t1", "a1", WorkspaceBase.branch("main"))))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BRANCH_EXISTS);
                    assertThat(e.getMessage()).contains("branch baton/t1/a1 already exists");
                });
        assertThat(head(checkout, "baton/t1/a1")).isEqualTo(first);
        assertThat(dataDir.resolve("workspaces/a1")).doesNotExist();
        assertThat(worktrees(checkout)).hasSize(1);
    }

    @Test
    void aSecondWorkspaceForTheSameAttemptIsRefusedAndTheFirstStaysIntact() throws Exception {
        Workspace first = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));

        assertThatThrownBy(() -> workspaces.create(request("t2", "a1", WorkspaceBase.branch("main"))))
                .isInstanceOfSatisfying(WorkspaceException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WORKSPACE_EXISTS));
        assertThat(Files.readString(first.path().resolve("README.md"))).isEqualTo("hello\n");
        assertThat(branchExists(checkout, "baton/t2/a1")).isFalse();
        assertThat(git(first.path(), "status", "--porcelain")).isEmpty();
    }

    @Test
    void idsThatCannotNameAFolderOrABranchAreRefused() {
        for (String id : List.of("../a1", "a/b", ".hidden", "", "a1.lock", "a b")) {
            assertThatThrownBy(() -> request("t1", id, WorkspaceBase.branch("main")))
                    .isInstanceOfSatisfying(WorkspaceException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
        }
    }

    @Test
    void removeDeletesTheWorkspaceAndItsRegistrationButKeepsTheBranch() throws Exception {
        Workspace workspace = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));
        String agentCommit = TestRepos.commitFile(workspace.path(), "agent.txt", "work\n");
        TestRepos.write(workspace.path(), Map.of("uncommitted.txt", "left over\n"));
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        workspaces.remove(project, "a1");

        assertThat(workspace.path()).doesNotExist();
        assertThat(worktrees(checkout)).containsExactly(checkout.toRealPath().toString());
        assertThat(head(checkout, "baton/t1/a1")).isEqualTo(agentCommit);
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
        workspaces.remove(project, "a1"); // already gone: nothing to do
    }

    @Test
    void removeAlsoCleansAWorkspaceWhoseFolderWasDeletedByHand() throws Exception {
        Workspace workspace = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));
        FileTrees.delete(workspace.path());

        workspaces.remove(project, "a1");

        assertThat(worktrees(checkout)).hasSize(1);
        assertThat(branchExists(checkout, "baton/t1/a1")).isTrue();
    }

    @Test
    void onlyAnAttemptsWorkspaceFolderIsAWorkspace() throws Exception {
        Workspace workspace = workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));

        assertThat(workspaces.isWorkspace(workspace.path())).isTrue();
        assertThat(workspaces.isWorkspace(workspace.path().toRealPath())).isTrue();
        assertThat(workspaces.isWorkspace(workspace.path().resolve("src"))).isFalse();
        assertThat(workspaces.isWorkspace(checkout)).isFalse();
        assertThat(workspaces.isWorkspace(temp.resolve("missing/a1"))).isFalse();
    }

    @Test
    void withRepositoryLendsTheCheckoutsRepository() throws Exception {
        Path gitDir = workspaces.withRepository(project, true, SourceRepository::gitDir);

        assertThat(gitDir).isEqualTo(checkout.resolve(".git").toRealPath());
    }

    @Test
    void diskUsageIsCountedPerWorkspaceAndInTotal() {
        workspaces.create(request("t1", "a1", WorkspaceBase.branch("main")));
        Workspace second = workspaces.create(request("t1", "a2", WorkspaceBase.branch("main")));
        TestRepos.write(second.path(), Map.of("big.bin", "x".repeat(10_000)));

        DiskUsage usage = workspaces.diskUsage();

        long tracked = "hello\n".length() + "class App {}\n".length();
        assertThat(usage.bytesByAttempt()).containsOnlyKeys("a1", "a2");
        assertThat(usage.bytesByAttempt().get("a1")).isGreaterThan(tracked); // plus the small .git file
        assertThat(usage.bytesByAttempt().get("a2") - usage.bytesByAttempt().get("a1")).isEqualTo(10_000);
        assertThat(usage.totalBytes()).isEqualTo(usage.bytesByAttempt().get("a1") + usage.bytesByAttempt().get("a2"));
    }

    @Test
    void aFreshDataFolderUsesNoDisk() {
        assertThat(workspaces.diskUsage()).isEqualTo(new DiskUsage(Map.of(), 0));
    }

    private WorkspaceRequest request(String taskId, String attemptId, WorkspaceBase base) {
        return new WorkspaceRequest(project, taskId, attemptId, base);
    }

    private void assertNothingLeftFor(String attemptId, String branch) {
        assertThat(dataDir.resolve("workspaces").resolve(attemptId)).doesNotExist();
        assertThat(branchExists(checkout, branch)).isFalse();
        assertThat(worktrees(checkout)).hasSize(1);
    }
}
