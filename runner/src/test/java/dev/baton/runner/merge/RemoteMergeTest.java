package dev.baton.runner.merge;

import dev.baton.runner.merge.MergeException.Reason;
import dev.baton.runner.merge.MergeOutcome.AlreadyMerged;
import dev.baton.runner.merge.MergeOutcome.Conflict;
import dev.baton.runner.merge.MergeOutcome.Merged;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.ProjectRepository;
import dev.baton.runner.workspace.TestRepos;
import dev.baton.runner.workspace.WorkspaceBase;
import dev.baton.runner.workspace.WorkspaceManager;
import dev.baton.runner.workspace.WorkspaceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.baton.runner.merge.BranchMergerTest.BOT;
import static dev.baton.runner.merge.BranchMergerTest.MESSAGE;
import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merging on a project cloned from a remote URL: merged in Baton's clone, pushed to the remote. */
class RemoteMergeTest {

    private static final String TOKEN = "ghp_r3m0teT0ken";

    @TempDir
    Path temp;

    Path upstream;
    Path remote;
    GitCli git = new GitCli("git", Duration.ofSeconds(30));
    WorkspaceManager workspaces;

    @BeforeEach
    void setUp() {
        upstream = TestRepos.checkout(temp.resolve("upstream"), Map.of("README.md", "v1\n", "a.txt", "a\n"));
        remote = temp.resolve("remote.git");
        TestRepos.bareRemote(upstream, remote);
        git(upstream, "remote", "add", "origin", remote.toString());
        workspaces = new WorkspaceManager(temp.resolve("data"), git, Clock.systemUTC());
    }

    @Test
    void fastForwardsTheRemotesBranchByAPush() {
        ProjectRepository project = project(remote.toUri().toString());
        String agentCommit = attempt(project, Map.of("agent.txt", "the agent's work\n"));

        MergeOutcome outcome = new BranchMerger(workspaces, git).merge(request(project));

        assertThat(outcome).isEqualTo(new Merged(agentCommit, true, false));
        assertThat(head(remote, "main")).isEqualTo(agentCommit);
        assertThat(new BranchMerger(workspaces, git).merge(request(project))).isEqualTo(new AlreadyMerged(agentCommit));
    }

    @Test
    void mergesWithWhatWasPushedToTheRemoteSinceTheAttemptStarted() {
        ProjectRepository project = project(remote.toUri().toString());
        String agentCommit = attempt(project, Map.of("agent.txt", "the agent's work\n"));
        String pushed = push(Map.of("README.md", "v2\n"));

        Merged merged = (Merged) new BranchMerger(workspaces, git).merge(request(project));

        assertThat(merged.fastForward()).isFalse();
        assertThat(head(remote, "main")).isEqualTo(merged.commit());
        assertThat(parents(merged.commit())).containsExactly(pushed, agentCommit);
        assertThat(git(remote, "log", "-1", "--format=%an <%ae>|%cn <%ce>", merged.commit()))
                .isEqualTo("Baton Bot <bot@baton.dev>|Baton Bot <bot@baton.dev>");
        assertThat(git(remote, "show", merged.commit() + ":README.md")).isEqualTo("v2");
    }

    @Test
    void aPushRefusedBecauseTheRemoteMovedMeanwhileIsRedoneOnTheNewHead() {
        ProjectRepository project = project(remote.toUri().toString());
        String agentCommit = attempt(project, Map.of("agent.txt", "the agent's work\n"));
        String[] pushedMeanwhile = new String[1];
        AtomicInteger updates = new AtomicInteger();
        BranchMerger merger = new BranchMerger(workspaces, git, () -> {
            if (updates.incrementAndGet() == 1) {
                pushedMeanwhile[0] = push(Map.of("README.md", "pushed meanwhile\n"));
            }
        });

        Merged merged = (Merged) merger.merge(request(project));

        assertThat(updates).hasValue(2);
        assertThat(head(remote, "main")).isEqualTo(merged.commit());
        assertThat(parents(merged.commit())).containsExactly(pushedMeanwhile[0], agentCommit);
    }

    @Test
    void aConflictWithTheRemotePushesNothing() {
        ProjectRepository project = project(remote.toUri().toString());
        attempt(project, Map.of("a.txt", "a by the agent\n"));
        String pushed = push(Map.of("a.txt", "a by someone else\n"));

        MergeOutcome outcome = new BranchMerger(workspaces, git).merge(request(project));

        assertThat(outcome).isInstanceOfSatisfying(Conflict.class,
                conflict -> assertThat(conflict.files()).containsExactly("a.txt"));
        assertThat(head(remote, "main")).isEqualTo(pushed);
    }

    @Test
    void aPushTheRemoteRejectsIsReportedWithItsUrlRedacted() throws Exception {
        Path hook = remote.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'main is protected'\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        String url = "file://baton:" + TOKEN + "@localhost" + remote;
        ProjectRepository project = project(url);
        attempt(project, Map.of("agent.txt", "the agent's work\n"));
        String remoteHead = head(remote, "main");

        assertThatThrownBy(() -> new BranchMerger(workspaces, git).merge(request(project)))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PUSH_FAILED);
                    assertThat(e.getMessage())
                            .startsWith("cannot push the merge of baton/t1/a1 into main to file://***@localhost" + remote)
                            .contains("main is protected", "pre-receive hook declined").doesNotContain(TOKEN);
                    assertThat(e.getCause().getMessage()).doesNotContain(TOKEN);
                });
        assertThat(head(remote, "main")).isEqualTo(remoteHead);
    }

    @Test
    void aTargetTheRemoteDoesNotHaveOrAnUnreachableRemoteIsAClearError() throws Exception {
        ProjectRepository project = project(remote.toUri().toString());
        attempt(project, Map.of("agent.txt", "the agent's work\n"));

        assertThatThrownBy(() -> new BranchMerger(workspaces, git).merge(
                new MergeRequest(project, "baton/t1/a1", "develop", BOT, MESSAGE)))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_TARGET);
                    assertThat(e.getMessage()).isEqualTo("branch develop does not exist in " + remote.toUri());
                });
        Files.move(remote, temp.resolve("gone.git"));
        assertThatThrownBy(() -> new BranchMerger(workspaces, git).merge(request(project)))
                .isInstanceOfSatisfying(MergeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_UNAVAILABLE);
                    assertThat(e.getMessage()).startsWith("cannot fetch " + remote.toUri());
                });
    }

    private ProjectRepository project(String url) {
        return ProjectRepository.remote("p1", url);
    }

    private static MergeRequest request(ProjectRepository project) {
        return new MergeRequest(project, "baton/t1/a1", "main", BOT, MESSAGE);
    }

    /** The attempt's workspace (in Baton's clone) with the agent's work committed; answers that commit. */
    private String attempt(ProjectRepository project, Map<String, String> files) {
        Path workspace = workspaces.create(new WorkspaceRequest(project, "t1", "a1", WorkspaceBase.branch("main"))).path();
        TestRepos.write(workspace, files);
        TestRepos.commitAll(workspace, "the agent's work");
        return head(workspace, "HEAD");
    }

    /** Someone else pushes a commit to the remote's main; answers it. */
    private String push(Map<String, String> files) {
        TestRepos.write(upstream, files);
        TestRepos.commitAll(upstream, "someone else's work");
        git(upstream, "push", "--quiet", "origin", "main");
        return head(upstream, "HEAD");
    }

    private List<String> parents(String commit) {
        List<String> line = List.of(git(remote, "rev-list", "--parents", "-n", "1", commit).split(" "));
        return line.subList(1, line.size());
    }
}
