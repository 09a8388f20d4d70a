package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

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
}
