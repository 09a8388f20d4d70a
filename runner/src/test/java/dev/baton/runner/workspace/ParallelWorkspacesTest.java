package dev.baton.runner.workspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.worktrees;
import static org.assertj.core.api.Assertions.assertThat;

/** Parallel attempts on one project never interfere, and git's own lock files never fail a creation. */
class ParallelWorkspacesTest {

    private static final int ATTEMPTS = 16;

    @TempDir
    Path temp;

    Path checkout;
    WorkspaceManager workspaces;

    @BeforeEach
    void setUp() {
        Map<String, String> files = new TreeMap<>();
        IntStream.range(0, 200).forEach(i -> files.put("src/file" + i + ".txt", "line " + i + "\n"));
        checkout = TestRepos.checkout(temp.resolve("checkout"), files);
        workspaces = new WorkspaceManager(temp.resolve("data"), new GitCli("git", Duration.ofSeconds(60)),
                Clock.systemUTC());
    }

    @Test
    void sixteenWorkspacesCreatedAtOnceOnTheUsersCheckoutEachGetTheirOwnBranchAndFolder() throws Exception {
        ProjectRepository project = ProjectRepository.local("p1", checkout);
        CheckoutSnapshot before = CheckoutSnapshot.of(checkout);

        List<Workspace> created = concurrently(i -> () -> {
            Workspace workspace = workspaces.create(new WorkspaceRequest(project, "t" + i % 4, "a" + i,
                    WorkspaceBase.branch("main")));
            TestRepos.commitFile(workspace.path(), "attempt.txt", "attempt " + i + "\n");
            return workspace;
        });

        assertThat(created).extracting(Workspace::path).doesNotHaveDuplicates();
        assertThat(created).extracting(Workspace::branch).doesNotHaveDuplicates();
        assertThat(created).extracting(Workspace::baseCommit).containsOnly(TestRepos.head(checkout, "main"));
        for (int i = 0; i < ATTEMPTS; i++) {
            Workspace workspace = created.get(i);
            assertThat(workspace.branch()).isEqualTo("baton/t" + i % 4 + "/a" + i);
            assertThat(Files.readString(workspace.path().resolve("attempt.txt"))).isEqualTo("attempt " + i + "\n");
            assertThat(git(workspace.path(), "symbolic-ref", "--short", "HEAD")).isEqualTo(workspace.branch());
            assertThat(git(workspace.path(), "status", "--porcelain")).isEmpty();
            assertThat(git(checkout, "diff", "--name-only", "main", workspace.branch())).isEqualTo("attempt.txt");
        }
        assertThat(worktrees(checkout)).hasSize(ATTEMPTS + 1);
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);

        concurrently(i -> () -> {
            workspaces.remove(project, "a" + i);
            return null;
        });

        assertThat(worktrees(checkout)).hasSize(1);
        assertThat(created).allSatisfy(workspace -> {
            assertThat(workspace.path()).doesNotExist();
            assertThat(TestRepos.branchExists(checkout, workspace.branch())).isTrue();
        });
        assertThat(CheckoutSnapshot.of(checkout)).isEqualTo(before);
    }

    @Test
    void sixteenWorkspacesCreatedAtOnceOnARemoteProjectShareOneClone() throws Exception {
        ProjectRepository project = ProjectRepository.remote("p1", TestRepos.bareRemote(checkout, temp.resolve("remote.git")));

        List<Workspace> created = concurrently(i -> () -> workspaces.create(new WorkspaceRequest(project, "t1", "a" + i,
                WorkspaceBase.branch("main"))));

        assertThat(created).extracting(Workspace::path).doesNotHaveDuplicates();
        assertThat(worktrees(temp.resolve("data/repos/p1"))).hasSize(ATTEMPTS + 1);
        try (var repos = Files.list(temp.resolve("data/repos"))) {
            assertThat(repos).containsExactly(temp.resolve("data/repos/p1"));
        }
    }

    /** Runs one task per attempt number on its own thread, all released at the same moment; results in order. */
    private static <T> List<T> concurrently(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(ATTEMPTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                Callable<T> work = task.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
