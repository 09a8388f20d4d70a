package dev.baton.runner.workspace;

import dev.baton.core.attempt.AttemptStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.baton.core.attempt.AttemptStatus.CANCELLED;
import static dev.baton.core.attempt.AttemptStatus.FAILED;
import static dev.baton.core.attempt.AttemptStatus.MERGED;
import static dev.baton.core.attempt.AttemptStatus.PR_CREATED;
import static dev.baton.core.attempt.AttemptStatus.REVIEW_READY;
import static dev.baton.core.attempt.AttemptStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

/** The cleanup policy: after merge, and finished attempts after N days; never a branch, never a live attempt. */
class CleanupTest {

    private static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
    private static final ProjectRepository NO_PROJECT = ProjectRepository.local("p0", Path.of("/nowhere"));

    @TempDir
    Path temp;

    @Test
    void removesMergedAttemptsAndFinishedOnesOlderThanTheLimit() {
        CleanupPolicy policy = CleanupPolicy.afterMergeOrDays(7);

        assertThat(policy.shouldRemove(attempt(MERGED, NOW), NOW)).isTrue();
        assertThat(policy.shouldRemove(attempt(FAILED, NOW.minus(Duration.ofDays(7))), NOW)).isTrue();
        assertThat(policy.shouldRemove(attempt(CANCELLED, NOW.minus(Duration.ofDays(30))), NOW)).isTrue();
        assertThat(policy.shouldRemove(attempt(PR_CREATED, NOW.minus(Duration.ofDays(6))), NOW)).isFalse();
        assertThat(policy.shouldRemove(attempt(FAILED, null), NOW)).isFalse();
        assertThat(policy.shouldRemove(attempt(RUNNING, NOW.minus(Duration.ofDays(30))), NOW)).isFalse();
        assertThat(policy.shouldRemove(attempt(REVIEW_READY, NOW.minus(Duration.ofDays(30))), NOW)).isFalse();
    }

    @Test
    void eachRuleCanBeTurnedOff() {
        CleanupPolicy onlyAfterMerge = new CleanupPolicy(true, null);
        CleanupPolicy onlyByAge = new CleanupPolicy(false, Duration.ofDays(1));

        assertThat(onlyAfterMerge.shouldRemove(attempt(FAILED, NOW.minus(Duration.ofDays(365))), NOW)).isFalse();
        assertThat(onlyByAge.shouldRemove(attempt(MERGED, NOW), NOW)).isFalse();
        assertThat(onlyByAge.shouldRemove(attempt(MERGED, NOW.minus(Duration.ofDays(2))), NOW)).isTrue();
    }

    @Test
    void theManagerRemovesTheWorkspacesThePolicySelectsAndKeepsTheirBranches() {
        Path checkout = TestRepos.checkout(temp.resolve("checkout"), Map.of("README.md", "hello\n"));
        ProjectRepository project = ProjectRepository.local("p1", checkout);
        WorkspaceManager workspaces = new WorkspaceManager(temp.resolve("data"), new GitCli("git", Duration.ofSeconds(30)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> ids = List.of("merged", "old", "recent", "running");
        ids.forEach(id -> workspaces.create(new WorkspaceRequest(project, "t1", id, WorkspaceBase.branch("main"))));

        List<String> removed = workspaces.cleanUp(CleanupPolicy.afterMergeOrDays(7), List.of(
                new AttemptWorkspace(project, "merged", MERGED, NOW.minus(Duration.ofMinutes(5))),
                new AttemptWorkspace(project, "old", FAILED, NOW.minus(Duration.ofDays(8))),
                new AttemptWorkspace(project, "recent", CANCELLED, NOW.minus(Duration.ofDays(1))),
                new AttemptWorkspace(project, "running", RUNNING, null),
                new AttemptWorkspace(project, "gone", MERGED, NOW)));

        assertThat(removed).containsExactly("merged", "old");
        assertThat(workspaces.diskUsage().bytesByAttempt()).containsOnlyKeys("recent", "running");
        assertThat(TestRepos.worktrees(checkout)).hasSize(3);
        assertThat(ids).allSatisfy(id -> assertThat(TestRepos.branchExists(checkout, "baton/t1/" + id)).isTrue());
    }

    private static AttemptWorkspace attempt(AttemptStatus status, Instant finishedAt) {
        return new AttemptWorkspace(NO_PROJECT, "a1", status, finishedAt);
    }
}
