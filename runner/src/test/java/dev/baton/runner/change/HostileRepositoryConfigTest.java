package dev.baton.runner.change;

import dev.baton.core.project.BotIdentity;
import dev.baton.runner.merge.BranchMerger;
import dev.baton.runner.merge.MergeOutcome;
import dev.baton.runner.merge.MergeRequest;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository whose config and hooks an agent wrote (with the sandbox off, or before it protected them): the
 * server's own git calls, from making the workspace to merging its branch into the user's checkout, run none of
 * the programs they name.
 */
class HostileRepositoryConfigTest {

    private static final BotIdentity BOT = new BotIdentity("Baton Bot", "bot@baton.dev");
    private static final List<String> HOOKS = List.of("pre-commit", "post-commit", "post-checkout", "post-merge",
            "reference-transaction", "post-index-change", "pre-auto-gc");

    @TempDir
    Path temp;

    GitCli git = new GitCli("git", Duration.ofSeconds(60));
    Path checkout;
    Path ran;

    @BeforeEach
    void aRepositoryWithAnAgentsProgramsInItsGitFolder() throws IOException {
        checkout = TestRepos.checkout(temp.resolve("checkout"), Map.of("README.md", "hello\n"));
        ran = Files.createDirectories(temp.resolve("ran"));
        Path gitDir = checkout.resolve(".git");
        Files.writeString(gitDir.resolve("config"), "[core]\n\tfsmonitor = " + script(gitDir.resolve("fsmonitor"),
                "fsmonitor") + "\n", StandardOpenOption.APPEND);
        for (String hook : HOOKS) {
            script(gitDir.resolve("hooks").resolve(hook), hook);
        }
    }

    @Test
    void theTrapsWorkOnAPlainGit() throws Exception {
        Process commit = new ProcessBuilder("git", "-c", "user.name=User", "-c", "user.email=user@baton.dev", "commit",
                "--quiet", "--allow-empty", "-m", "the user's commit").directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(commit.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(programsThatRan()).contains("fsmonitor", "pre-commit", "post-commit", "reference-transaction");
    }

    @Test
    void batonsOwnGitCallsRunNoneOfThem() throws IOException {
        WorkspaceManager workspaces = new WorkspaceManager(temp.resolve("data"), git, Clock.systemUTC());
        ProjectRepository project = ProjectRepository.local("p1", checkout);
        Workspace workspace = workspaces.create(new WorkspaceRequest(project, "t1", "a1", WorkspaceBase.branch("main")));
        TestRepos.write(workspace.path(), Map.of("agent.txt", "the agent's work\n"));

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "The agent's work");
        AttemptDiff diff = new DiffReader(git, DiffLimits.DEFAULT).diff(workspace.path(), workspace.baseCommit(),
                change.head());
        MergeOutcome merged = new BranchMerger(workspaces, git).merge(new MergeRequest(project, workspace.branch(),
                "main", BOT, "Merge the agent's work"));

        assertThat(change.committed()).isTrue();
        assertThat(diff.files()).hasSize(1);
        assertThat(merged).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(checkout.resolve("agent.txt")).as("the user's checkout was fast-forwarded").exists();
        assertThat(programsThatRan()).isEmpty();
    }

    /** An executable script that leaves a file named {@code name} in {@link #ran}; answers its path. */
    private Path script(Path file, String name) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\ntouch '" + ran.resolve(name) + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private List<String> programsThatRan() throws IOException {
        try (Stream<Path> files = Files.list(ran)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
