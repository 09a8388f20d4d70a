package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Projects on a remote URL: cloned once into the data folder, fetched before each new workspace. */
class RemoteProjectTest {

    private static final String TOKEN = "ghp_s3cr3tT0ken";

    @TempDir
    Path temp;

    Path upstream;
    Path remote;
    String remoteUrl;
    Path dataDir;
    WorkspaceManager workspaces;
    ProjectRepository project;

    @BeforeEach
    void setUp() {
        upstream = TestRepos.checkout(temp.resolve("upstream"), Map.of("README.md", "v1\n"));
        remote = temp.resolve("remote.git");
        remoteUrl = TestRepos.bareRemote(upstream, remote);
        dataDir = temp.resolve("data");
        workspaces = new WorkspaceManager(dataDir, new GitCli("git", Duration.ofSeconds(30)), Clock.systemUTC());
        project = ProjectRepository.remote("p1", remoteUrl);
    }

    @Test
    void clonesOnceIntoTheDataFolderAndFetchesBeforeEachNewWorkspace() throws Exception {
        Workspace first = workspaces.create(request("a1", WorkspaceBase.branch("main")));

        Path clone = dataDir.resolve("repos/p1");
        assertThat(git(clone, "rev-parse", "--is-bare-repository")).isEqualTo("true");
        assertThat(first.baseCommit()).isEqualTo(head(remote, "main"));
        assertThat(Files.readString(first.path().resolve("README.md"))).isEqualTo("v1\n");
        Files.writeString(clone.resolve("marker"), "same clone");

        String v2 = TestRepos.commitFile(upstream, "README.md", "v2\n");
        git(upstream, "push", "--quiet", remote.toString(), "main");
        Workspace second = workspaces.create(request("a2", WorkspaceBase.branch("main")));

        assertThat(second.baseCommit()).isEqualTo(v2);
        assertThat(Files.readString(second.path().resolve("README.md"))).isEqualTo("v2\n");
        assertThat(clone.resolve("marker")).hasContent("same clone");
        try (Stream<Path> repos = Files.list(dataDir.resolve("repos"))) {
            assertThat(repos).containsExactly(clone);
        }
        // The attempts' branches live in Baton's clone, not in the remote.
        assertThat(TestRepos.branchExists(clone, "baton/t1/a1")).isTrue();
        assertThat(TestRepos.branchExists(remote, "baton/t1/a1")).isFalse();
    }

    @Test
    void aFollowUpOnARemoteProjectContinuesFromTheBranchInTheClone() throws Exception {
        Workspace first = workspaces.create(request("a1", WorkspaceBase.branch("main")));
        String agentCommit = TestRepos.commitFile(first.path(), "agent.txt", "work\n");

        Workspace followUp = workspaces.create(request("a2", WorkspaceBase.previousAttempt(first.branch())));

        assertThat(followUp.baseCommit()).isEqualTo(agentCommit);
        assertThat(followUp.path().resolve("agent.txt")).exists();
    }

    @Test
    void aFailedCloneLeavesNothingBehindAndNeverShowsTheToken() {
        String url = "https://baton:" + TOKEN + "@127.0.0.1:9/org/repo.git";
        ProjectRepository withToken = ProjectRepository.remote("p2", url);

        assertThatThrownBy(() -> workspaces.create(new WorkspaceRequest(withToken, "t1", "a1", WorkspaceBase.branch("main"))))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLONE_FAILED);
                    assertThat(e.getMessage()).contains("cannot clone https://***@127.0.0.1:9/org/repo.git")
                            .doesNotContain(TOKEN);
                    assertThat(e.getCause().getMessage()).doesNotContain(TOKEN);
                });
        assertThat(dataDir.resolve("repos")).isEmptyDirectory();
        assertThat(dataDir.resolve("workspaces")).isEmptyDirectory();
        assertThat(withToken.toString()).contains("https://***@127.0.0.1:9/org/repo.git").doesNotContain(TOKEN);
        assertThat(new WorkspaceRequest(withToken, "t1", "a1", WorkspaceBase.branch("main")).toString())
                .doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableRemoteFailsTheFetchAndLeavesNoWorkspace() throws Exception {
        workspaces.create(request("a1", WorkspaceBase.branch("main")));
        FileTrees.delete(remote);

        assertThatThrownBy(() -> workspaces.create(request("a2", WorkspaceBase.branch("main"))))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FETCH_FAILED);
                    assertThat(e.getMessage()).contains("cannot fetch " + remoteUrl);
                });
        assertThat(dataDir.resolve("workspaces/a2")).doesNotExist();
        assertThat(TestRepos.branchExists(dataDir.resolve("repos/p1"), "baton/t1/a2")).isFalse();
    }

    @Test
    void aNewTokenInTheProjectsUrlIsUsedForTheNextFetch() {
        workspaces.create(request("a1", WorkspaceBase.branch("main")));
        Path moved = temp.resolve("moved.git");
        String movedUrl = TestRepos.bareRemote(upstream, moved);

        workspaces.create(new WorkspaceRequest(ProjectRepository.remote("p1", movedUrl), "t1", "a2",
                WorkspaceBase.branch("main")));

        assertThat(git(dataDir.resolve("repos/p1"), "remote", "get-url", "origin")).isEqualTo(movedUrl);
    }

    @Test
    void anUnknownRemoteBranchIsRefused() {
        assertThatThrownBy(() -> workspaces.create(request("a1", WorkspaceBase.branch("develop"))))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_BASE);
                    assertThat(e.getMessage()).contains("base branch 'develop' does not exist in " + remoteUrl);
                });
        assertThat(dataDir.resolve("workspaces/a1")).doesNotExist();
    }

    private WorkspaceRequest request(String attemptId, WorkspaceBase base) {
        return new WorkspaceRequest(project, "t1", attemptId, base);
    }
}
