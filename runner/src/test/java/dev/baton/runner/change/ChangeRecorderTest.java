package dev.baton.runner.change;

import dev.baton.core.attempt.DiffStat;
import dev.baton.core.project.BotIdentity;
import dev.baton.runner.change.ChangeException.Reason;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Committing what an agent left in a real linked worktree, made by {@link WorkspaceManager}. */
class ChangeRecorderTest {

    private static final BotIdentity BOT = new BotIdentity("Baton Bot", "bot@baton.dev");

    @TempDir
    Path temp;

    GitCli git = new GitCli("git", Duration.ofSeconds(60));
    Path checkout;
    Workspace workspace;
    Path work;
    String base;

    @BeforeEach
    void setUp() {
        checkout = TestRepos.checkout(temp.resolve("checkout"), Map.of("README.md", "hello\n",
                "src/App.java", "class App {}\n", "src/Old.java", "class Old {\n    int a;\n    int b;\n}\n",
                ".gitignore", "node_modules/\n*.log\n"));
        workspace = new WorkspaceManager(temp.resolve("data"), git, Clock.systemUTC()).create(new WorkspaceRequest(
                ProjectRepository.local("p1", checkout), "t1", "a1", WorkspaceBase.branch("main")));
        work = workspace.path();
        base = workspace.baseCommit();
    }

    @Test
    void commitsNewChangedDeletedAndRenamedFilesOnTheAttemptsBranchButNoIgnoredOnes() throws IOException {
        TestRepos.write(work, Map.of("README.md", "hello, world\n", "docs/notes with spaces é.md", "notes\n",
                "node_modules/lib/index.js", "module\n", "debug.log", "log\n"));
        Files.delete(work.resolve("src/App.java"));
        Files.move(work.resolve("src/Old.java"), work.resolve("src/Renamed.java"));

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "Agent's changes");

        assertThat(change.committed()).isTrue();
        assertThat(change.skippedRepositories()).isEmpty();
        assertThat(change.head()).isNotEqualTo(base).isEqualTo(head(work, "HEAD")).isEqualTo(head(checkout, workspace.branch()));
        assertThat(git(work, "rev-parse", change.head() + "^")).isEqualTo(base);
        assertThat(git(work, "-c", "core.quotepath=false", "diff", "--name-status", "--find-renames", base, change.head()))
                .isEqualTo("""
                        M\tREADME.md
                        A\tdocs/notes with spaces é.md
                        D\tsrc/App.java
                        R100\tsrc/Old.java\tsrc/Renamed.java""");
        assertThat(git(work, "log", "-1", "--format=%B", change.head())).isEqualTo("Agent's changes");
        assertThat(git(work, "status", "--porcelain")).isEmpty();
        assertThat(work.resolve("node_modules/lib/index.js")).exists();
        assertThat(work.resolve("debug.log")).exists();
    }

    @Test
    void filesCopiedFromTheUsersCheckoutStayOutOfTheCommitEvenWhenTheAgentChangedThem() throws IOException {
        TestRepos.write(work, Map.of(".env", "API_KEY=from-the-user\n", "config/local.properties", "x=1\n",
                "src/New.java", "class New {}\n"));
        Files.writeString(work.resolve(".env"), "API_KEY=changed-by-the-agent\n");

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "Agent's changes",
                List.of(".env", "config/local.properties"));

        assertThat(git(work, "diff", "--name-only", base, change.head())).isEqualTo("src/New.java");
        assertThat(git(work, "status", "--porcelain", "--untracked-files=all")).contains(".env", "config/local.properties");
    }

    @Test
    void theBotIsAuthorAndCommitterAndNothingIsSignedWhateverTheUsersConfigurationAndEnvironmentSay() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path failingGpg = script(home.resolve("failing-gpg"), "exit 1");
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Some User\n\temail = user@example.com\n"
                + "[author]\n\tname = Config Author\n[committer]\n\temail = config-committer@example.com\n"
                + "[commit]\n\tgpgSign = true\n[gpg]\n\tprogram = " + failingGpg + "\n");
        GitCli usersGit = git.withEnvironment(Map.of("HOME", home.toString(),
                "GIT_CONFIG_GLOBAL", home.resolve(".gitconfig").toString(),
                "GIT_AUTHOR_NAME", "Environment Author", "GIT_COMMITTER_EMAIL", "environment@example.com"));
        TestRepos.write(work, Map.of("README.md", "changed\n"));

        RecordedChange change = new ChangeRecorder(usersGit).commitAll(workspace, BOT, "As the bot");

        assertThat(git(work, "log", "-1", "--format=%an <%ae>|%cn <%ce>", change.head()))
                .isEqualTo("Baton Bot <bot@baton.dev>|Baton Bot <bot@baton.dev>");
        assertThat(git(work, "cat-file", "commit", change.head())).doesNotContain("gpgsig");
    }

    @Test
    void noHookOfTheRepositoryRunsNorBlocks() throws IOException {
        Path hooks = checkout.resolve(".git/hooks");
        for (String hook : List.of("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit",
                "reference-transaction", "post-index-change")) {
            script(hooks.resolve(hook), "touch \"" + temp.resolve("ran-" + hook) + "\"; exit 1");
        }
        TestRepos.write(work, Map.of("README.md", "changed\n"));

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "No hooks");

        assertThat(change.committed()).isTrue();
        assertThat(head(checkout, workspace.branch())).isEqualTo(change.head());
        try (var files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("ran-"));
        }
    }

    @Test
    void whenNothingChangedNoCommitIsMadeAndTheHeadIsTheBase() {
        TestRepos.write(work, Map.of("node_modules/lib/index.js", "ignored\n", "run.log", "ignored\n"));

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "Nothing");

        assertThat(change).isEqualTo(new RecordedChange(base, false, List.of()));
        assertThat(head(checkout, workspace.branch())).isEqualTo(base);
        AttemptDiff diff = new DiffReader(git, DiffLimits.DEFAULT).diff(work, base, change.head());
        assertThat(diff.files()).isEmpty();
        assertThat(diff.unifiedDiff()).isEmpty();
        assertThat(diff.stat()).isEqualTo(new DiffStat(0, 0, 0));
    }

    @Test
    void theRestIsCommittedOnTopOfTheAgentsOwnCommit() {
        TestRepos.write(work, Map.of("README.md", "the agent's own commit\n"));
        TestRepos.commitAll(work, "agent commit");
        String agentCommit = head(work, "HEAD");
        TestRepos.write(work, Map.of("src/Later.java", "class Later {}\n"));

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "The rest");

        assertThat(change.committed()).isTrue();
        assertThat(git(work, "rev-list", "--format=%an|%s", "--no-commit-header", base + ".." + change.head()))
                .isEqualTo("Baton Bot|The rest\nBaton Test|agent commit");
        assertThat(git(work, "rev-parse", change.head() + "^")).isEqualTo(agentCommit);
        assertThat(git(work, "diff", "--name-only", agentCommit, change.head())).isEqualTo("src/Later.java");
    }

    @Test
    void anAgentThatCommittedEverythingItselfGetsNoExtraCommit() {
        TestRepos.write(work, Map.of("README.md", "the agent's own commit\n"));
        TestRepos.commitAll(work, "agent commit");
        String agentCommit = head(work, "HEAD");

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "Nothing more");

        assertThat(change).isEqualTo(new RecordedChange(agentCommit, false, List.of()));
    }

    @Test
    void nestedRepositoriesAreLeftOutAndNamedWhileTheirNeighboursAreCommitted() {
        Path tool = work.resolve("tools/generator");
        TestRepos.write(tool, Map.of("gen.sh", "echo generated\n"));
        git(tool, "init", "--quiet");
        TestRepos.commitAll(tool, "the tool's own history");
        Path scratch = work.resolve("scratch");
        TestRepos.write(scratch, Map.of("draft.txt", "draft\n"));
        git(scratch, "init", "--quiet"); // no commit: git add --all would fail on it
        TestRepos.write(work, Map.of("tools/README.md", "tools\n", "src/Real.java", "class Real {}\n"));

        RecordedChange change = new ChangeRecorder(git).commitAll(workspace, BOT, "With nested repositories");

        assertThat(change.committed()).isTrue();
        assertThat(change.skippedRepositories()).containsExactly("scratch", "tools/generator");
        assertThat(git(work, "diff", "--name-status", base, change.head()))
                .isEqualTo("A\tsrc/Real.java\nA\ttools/README.md");
        assertThat(tool.resolve("gen.sh")).exists();
        assertThat(git(work, "status", "--porcelain")).isEqualTo("?? scratch/\n?? tools/generator/");
    }

    @Test
    void refusesToCommitInTheMiddleOfAMerge() {
        String mainMoved = TestRepos.commitFile(checkout, "README.md", "changed on main\n");
        TestRepos.write(work, Map.of("README.md", "changed by the agent\n"));
        TestRepos.commitAll(work, "agent commit");
        String agentCommit = head(work, "HEAD");
        assertThatThrownBy(() -> git(work, "merge", mainMoved)).hasMessageContaining("CONFLICT");

        assertThatThrownBy(() -> new ChangeRecorder(git).commitAll(workspace, BOT, "During a merge"))
                .isInstanceOfSatisfying(ChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNFINISHED_OPERATION);
                    assertThat(e.getMessage()).contains("in the middle of a merge");
                });
        assertThat(head(checkout, workspace.branch())).isEqualTo(agentCommit);
    }

    @Test
    void refusesToCommitInTheMiddleOfARebase() {
        String mainMoved = TestRepos.commitFile(checkout, "README.md", "changed on main\n");
        TestRepos.write(work, Map.of("README.md", "changed by the agent\n"));
        TestRepos.commitAll(work, "agent commit");
        assertThatThrownBy(() -> git(work, "rebase", mainMoved)).hasMessageContaining("CONFLICT");

        assertThatThrownBy(() -> new ChangeRecorder(git).commitAll(workspace, BOT, "During a rebase"))
                .isInstanceOfSatisfying(ChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNFINISHED_OPERATION);
                    assertThat(e.getMessage()).contains("in the middle of a rebase");
                });
    }

    @Test
    void refusesToCommitUnresolvedConflictsThatNoOperationIsWaitingFor() {
        TestRepos.write(work, Map.of("README.md", "stashed\n"));
        git(work, "stash", "--quiet");
        TestRepos.write(work, Map.of("README.md", "committed\n"));
        TestRepos.commitAll(work, "agent commit");
        assertThatThrownBy(() -> git(work, "stash", "pop")).hasMessageContaining("CONFLICT");

        assertThatThrownBy(() -> new ChangeRecorder(git).commitAll(workspace, BOT, "With conflicts"))
                .isInstanceOfSatisfying(ChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNFINISHED_OPERATION);
                    assertThat(e.getMessage()).contains("unresolved conflicts");
                });
    }

    @Test
    void refusesADetachedHeadAndAnotherBranch() {
        ChangeRecorder recorder = new ChangeRecorder(git);
        git(work, "checkout", "--quiet", "--detach");

        assertThatThrownBy(() -> recorder.commitAll(workspace, BOT, "Detached"))
                .isInstanceOfSatisfying(ChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_ON_BRANCH);
                    assertThat(e.getMessage()).contains("is detached, not on the attempt's branch baton/t1/a1");
                });

        git(work, "checkout", "--quiet", "-b", "elsewhere");
        TestRepos.write(work, Map.of("README.md", "changed\n"));
        assertThatThrownBy(() -> recorder.commitAll(workspace, BOT, "Elsewhere"))
                .isInstanceOfSatisfying(ChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_ON_BRANCH);
                    assertThat(e.getMessage()).contains("is on refs/heads/elsewhere, not on the attempt's branch");
                });
        assertThat(head(checkout, "elsewhere")).isEqualTo(base);
    }

    @Test
    void refusesABranchWhoseHistoryNoLongerContainsTheBase() {
        TestRepos.commitFile(checkout, "second.txt", "second\n");
        Workspace second = new WorkspaceManager(temp.resolve("data2"), git, Clock.systemUTC()).create(
                new WorkspaceRequest(ProjectRepository.local("p1", checkout), "t1", "a2", WorkspaceBase.branch("main")));
        git(second.path(), "reset", "--quiet", "--hard", "HEAD~1");

        assertThatThrownBy(() -> new ChangeRecorder(git).commitAll(second, BOT, "Reset"))
                .isInstanceOfSatisfying(ChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BASE_NOT_IN_HISTORY);
                    assertThat(e.getMessage()).contains("no longer contains its base commit " + second.baseCommit());
                });
    }

    @Test
    void refusesAnEmptyMessageOrIdentity() {
        ChangeRecorder recorder = new ChangeRecorder(git);

        assertThatThrownBy(() -> recorder.commitAll(workspace, BOT, " \n"))
                .isInstanceOfSatisfying(ChangeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessage("the commit message is empty");
        assertThatThrownBy(() -> recorder.commitAll(workspace, new BotIdentity("Bot", ""), "Message"))
                .hasMessage("the bot email is empty");
    }

    private static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
