package dev.baton.runner.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A workspace of a repository with 2,000 files is complete and quick to make. */
class LargeRepositoryTest {

    private static final int FILES = 2_000;

    @TempDir
    Path temp;

    @Test
    void createsAWorkspaceOfTwoThousandFiles() throws Exception {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < FILES; i++) {
            files.put("module" + i % 20 + "/pkg" + i % 7 + "/File" + i + ".java", "class File" + i + " {}\n");
        }
        Path checkout = TestRepos.checkout(temp.resolve("checkout"), files);
        WorkspaceManager workspaces = new WorkspaceManager(temp.resolve("data"), new GitCli("git", Duration.ofSeconds(60)),
                Clock.systemUTC());

        long started = System.nanoTime();
        Workspace workspace = workspaces.create(new WorkspaceRequest(ProjectRepository.local("p1", checkout), "t1", "a1",
                WorkspaceBase.branch("main")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        try (Stream<Path> all = Files.walk(workspace.path())) {
            assertThat(all.filter(Files::isRegularFile).filter(file -> !file.endsWith(".git"))).hasSize(FILES);
        }
        assertThat(workspace.path().resolve("module7/pkg0/File1267.java")).hasContent("class File1267 {}");
        assertThat(TestRepos.git(workspace.path(), "status", "--porcelain")).isEmpty();
        assertThat(workspaces.diskUsage().totalBytes()).isGreaterThan(FILES * "class File {}\n".length());
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
}
