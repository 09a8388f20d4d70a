package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitCliTest {

    @TempDir
    Path temp;

    @Test
    void aFailureSaysWhichCommandWhereWithWhatGitPrinted() {
        GitCli git = new GitCli("git", Duration.ofSeconds(30));

        assertThatThrownBy(() -> git.run(temp, "rev-parse", "--git-dir"))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.GIT_FAILED);
                    assertThat(e.getMessage()).startsWith("git rev-parse --git-dir in " + temp + " failed with exit code 128")
                            .contains("not a git repository");
                });
    }

    @Test
    void aCommandLineWithATokenIsShownWithoutIt() {
        GitCli git = new GitCli("git", Duration.ofSeconds(30));

        assertThatThrownBy(() -> git.run(temp, "ls-remote", "https://me:tok3n@127.0.0.1:9/x.git"))
                .hasMessageContaining("git ls-remote https://***@127.0.0.1:9/x.git")
                .hasMessageNotContaining("tok3n");
    }

    @Test
    void aCommandThatHangsIsStoppedAtTheTimeout() throws Exception {
        Path hanging = temp.resolve("hanging-git");
        Files.writeString(hanging, "#!/bin/sh\nsleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        GitCli git = new GitCli(hanging.toString(), Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> git.run(temp, "fetch", "origin"))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.GIT_TIMED_OUT);
                    assertThat(e.getMessage()).isEqualTo("git fetch origin in " + temp
                            + " did not finish within 300 ms and was stopped");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aMissingProgramIsAClearFailure() {
        GitCli git = new GitCli(temp.resolve("no-git").toString(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> git.run(temp, "status"))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.GIT_FAILED);
                    assertThat(e.getMessage()).startsWith("cannot run git status in " + temp);
                });
    }

    @Test
    void readHandsOverStandardOutputByteForByteAndKeepsStandardErrorForTheFailure() throws Exception {
        GitCli git = new GitCli(fakeGit("printf ' out \\000\\n'; echo 'a warning' >&2; for code; do :; done; exit $code").toString(),
                Duration.ofSeconds(30));

        String printed = git.read(temp, output -> new String(output.readAllBytes(), UTF_8), "0");

        assertThat(printed).isEqualTo(" out \0\n");
        assertThatThrownBy(() -> git.read(temp, output -> "not read", "3"))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.GIT_FAILED);
                    assertThat(e.getMessage()).isEqualTo("git 3 in " + temp + " failed with exit code 3: a warning");
                });
    }

    /** Settings a repository's config cannot override, whoever wrote it (HostileRepositoryConfigTest). */
    @Test
    void everyCallTurnsOffWhatWouldRunAProgramOfTheRepositorysConfig() throws Exception {
        GitCli git = new GitCli(fakeGit("echo \"$*\"").toString(), Duration.ofSeconds(30));

        assertThat(git.run(temp, "status", "--short")).isEqualTo("-c core.fsmonitor=false -c core.hooksPath=/dev/null"
                + " -c protocol.ext.allow=never status --short");
    }

    @Test
    void withEnvironmentSetsVariablesForGitOnTopOfEarlierOnesAndLeavesTheOriginalAsItWas() throws Exception {
        GitCli git = new GitCli(fakeGit("echo \"$BATON_A/$BATON_B\"").toString(), Duration.ofSeconds(30));

        GitCli withA = git.withEnvironment(Map.of("BATON_A", "a1"));
        GitCli withBoth = withA.withEnvironment(Map.of("BATON_A", "a2", "BATON_B", "b"));

        assertThat(git.run(temp)).isEqualTo("/");
        assertThat(withA.run(temp)).isEqualTo("a1/");
        assertThat(withBoth.run(temp)).isEqualTo("a2/b");
    }

    private Path fakeGit(String script) throws Exception {
        Path fake = temp.resolve("fake-git");
        Files.writeString(fake, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }
}
