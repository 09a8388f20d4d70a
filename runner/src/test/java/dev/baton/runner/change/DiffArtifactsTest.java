package dev.baton.runner.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.change.ChangeException.Reason;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DiffArtifactsTest {

    @TempDir
    Path temp;

    @Test
    void aWrittenDiffReadsBackEqualAndHasTheJsonShapeOfTheApi() throws IOException {
        Path repo = TestRepos.checkout(temp.resolve("repo"), Map.of("old name.txt", "one\ntwo\nthree\n", "big.txt", "x\n"));
        String base = head(repo, "HEAD");
        Files.move(repo.resolve("old name.txt"), repo.resolve("nouveau é.txt"));
        Files.write(repo.resolve("data.bin"), new byte[]{0, 1, 2});
        TestRepos.write(repo, Map.of("big.txt", "y\n".repeat(500)));
        TestRepos.commitAll(repo, "change");
        AttemptDiff diff = new DiffReader(new GitCli("git", Duration.ofSeconds(60)), new DiffLimits(100, 10_000))
                .diff(repo, base, head(repo, "HEAD"));
        assertThat(diff.files()).extracting(FileDiff::change)
                .containsExactly(FileChange.MODIFIED, FileChange.ADDED, FileChange.RENAMED);
        assertThat(diff.files()).extracting(FileDiff::truncated, FileDiff::binary)
                .containsExactly(tuple(true, false), tuple(false, true), tuple(false, false));
        Path folder = temp.resolve("artifacts/attempt-1");

        DiffArtifacts.write(diff, folder);
        DiffArtifacts.write(diff, folder); // a second write replaces the first

        assertThat(DiffArtifacts.read(folder)).isEqualTo(diff);
        assertThat(Files.readString(folder.resolve("diff.patch"), StandardCharsets.UTF_8)).isEqualTo(diff.unifiedDiff());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("diff.patch", "diff.json");
        }
        JsonNode json = new ObjectMapper().readTree(folder.resolve("diff.json").toFile());
        JsonNode renamed = json.get("files").get(2);
        assertThat(renamed.get("path").asText()).isEqualTo("nouveau é.txt");
        assertThat(renamed.get("old_path").asText()).isEqualTo("old name.txt");
        assertThat(renamed.get("change").asText()).isEqualTo("renamed");
        assertThat(renamed.get("patch").asText()).isEmpty();
        assertThat(json.get("files").get(0).has("old_path")).isFalse();
        assertThat(json.get("files").get(0).fieldNames()).toIterable().containsExactly(
                "path", "change", "additions", "deletions", "patch", "binary", "truncated");
        assertThat(json.get("files").get(0).get("additions").asInt()).isEqualTo(500);
    }

    @Test
    void readingAFolderWithoutADiffIsAClearFailure() {
        assertThatThrownBy(() -> DiffArtifacts.read(temp))
                .isInstanceOfSatisfying(ChangeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ARTIFACT_FAILED))
                .hasMessage("cannot read the diff in " + temp);
    }
}
