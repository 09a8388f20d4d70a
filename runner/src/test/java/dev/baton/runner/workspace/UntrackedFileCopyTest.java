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
import static dev.baton.runner.workspace.TestRepos.worktrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copying the user's untracked files (such as .env) into a new workspace, and nothing outside the checkout. */
class UntrackedFileCopyTest {

    @TempDir
    Path temp;

    Path checkout;
    Path dataDir;
    WorkspaceManager workspaces;

    @BeforeEach
    void setUp() throws Exception {
        checkout = TestRepos.checkout(temp.resolve("checkout"),
                Map.of("README.md", "hello\n", ".gitignore", ".env\nconfig/local.properties\n"));
        TestRepos.write(checkout, Map.of(".env", "TOKEN=local\n", "config/local.properties", "port=1\n"));
        TestRepos.write(temp, Map.of("outside/secret.txt", "not yours\n"));
        dataDir = temp.resolve("data");
        workspaces = new WorkspaceManager(dataDir, new GitCli("git", Duration.ofSeconds(30)), Clock.systemUTC());
    }

    @Test
    void copiesTheListedFilesIntoTheNewWorkspace() throws Exception {
        Workspace workspace = workspaces.create(request(List.of(".env", "config/local.properties")));

        assertThat(Files.readString(workspace.path().resolve(".env"))).isEqualTo("TOKEN=local\n");
        assertThat(Files.readString(workspace.path().resolve("config/local.properties"))).isEqualTo("port=1\n");
        assertThat(TestRepos.git(workspace.path(), "status", "--porcelain")).isEmpty(); // ignored, as in the checkout
        assertThat(checkout.resolve(".env")).exists();
    }

    @Test
    void refusesPathsThatLeaveTheCheckoutAndLeavesNothingBehind() throws Exception {
        Files.createSymbolicLink(checkout.resolve("link.txt"), temp.resolve("outside/secret.txt"));
        Files.createSymbolicLink(checkout.resolve("linked-dir"), temp.resolve("outside"));
        Files.createDirectories(checkout.resolve("folder"));

        Map<String, String> refusals = Map.of(
                "../outside/secret.txt", "goes up with '..'",
                "config/../../outside/secret.txt", "goes up with '..'",
                temp.resolve("outside/secret.txt").toString(), "is absolute",
                "link.txt", "leads outside",
                "linked-dir/secret.txt", "leads outside",
                ".git/config", "is not a file of the checkout",
                "folder", "is not a regular file",
                "missing.env", "does not exist",
                "README.md", "is already in the workspace");
        refusals.forEach((path, message) -> {
            assertThatThrownBy(() -> workspaces.create(request(List.of(".env", path))))
                    .as(path)
                    .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.COPY_REFUSED);
                        assertThat(e.getMessage()).contains(message);
                    });
            assertThat(dataDir.resolve("workspaces/a1")).as(path).doesNotExist();
            assertThat(branchExists(checkout, "baton/t1/a1")).as(path).isFalse();
            assertThat(worktrees(checkout)).as(path).hasSize(1);
        });
    }

    @Test
    void aProjectWithoutALocalCheckoutHasNothingToCopyFrom() throws Exception {
        String remote = TestRepos.bareRemote(checkout, temp.resolve("remote.git"));
        WorkspaceRequest request = new WorkspaceRequest(ProjectRepository.remote("p2", remote), "t1", "a1",
                WorkspaceBase.branch("main"), List.of(".env"));

        assertThatThrownBy(() -> workspaces.create(request))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.COPY_REFUSED);
                    assertThat(e.getMessage()).contains("no checkout on this machine");
                });
        assertThat(dataDir.resolve("workspaces/a1")).doesNotExist();
    }

    private WorkspaceRequest request(List<String> files) {
        return new WorkspaceRequest(ProjectRepository.local("p1", checkout), "t1", "a1", WorkspaceBase.branch("main"),
                files);
    }
}
