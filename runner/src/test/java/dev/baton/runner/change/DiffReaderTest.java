package dev.baton.runner.change;

import dev.baton.core.attempt.DiffStat;
import dev.baton.runner.change.ChangeException.Reason;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.TestRepos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.baton.runner.workspace.TestRepos.git;
import static dev.baton.runner.workspace.TestRepos.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Diffs between commits of real repositories, checked against what git itself prints. */
class DiffReaderTest {

    private static final String TEN_LINES = lines(1, 10);

    @TempDir
    Path temp;

    GitCli git = new GitCli("git", Duration.ofSeconds(60));
    DiffReader reader = new DiffReader(git, DiffLimits.DEFAULT);
    Path repo;
    String base;

    @BeforeEach
    void setUp() {
        repo = TestRepos.checkout(temp.resolve("repo"), Map.of("mod.txt", "a\nb\nc\n", "gone.txt", "x\ny\n",
                "old.txt", TEN_LINES, "a b.txt", "spaces\n", "script.sh", "echo hi\n", "typ", "text\n"));
        base = head(repo, "HEAD");
    }

    @Test
    void modifiedAddedDeletedAndRenamedFilesWithGitsOwnCounts() throws IOException {
        TestRepos.write(repo, Map.of("mod.txt", "a\nB\nc\nd\n", "new.txt", "1\n2\n3\n",
                "moved/new name.txt", TEN_LINES.replace("line 5\n", "line five\n")));
        Files.delete(repo.resolve("gone.txt"));
        Files.delete(repo.resolve("old.txt"));
        String head = commit();

        AttemptDiff diff = reader.diff(repo, base, head);

        assertThat(diff.files()).extracting(FileDiff::path, FileDiff::oldPath, FileDiff::change,
                FileDiff::additions, FileDiff::deletions, FileDiff::binary, FileDiff::truncated).containsExactly(
                tuple("gone.txt", null, FileChange.DELETED, 0, 2, false, false),
                tuple("mod.txt", null, FileChange.MODIFIED, 2, 1, false, false),
                tuple("moved/new name.txt", "old.txt", FileChange.RENAMED, 1, 1, false, false),
                tuple("new.txt", null, FileChange.ADDED, 3, 0, false, false));
        for (FileDiff file : diff.files()) {
            assertThat(file.additions() + "\t" + file.deletions()).isEqualTo(gitsNumstat(head, file));
        }
        assertThat(diff.files().get(1).patch()).isEqualTo("@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n");
        assertThat(diff.files().get(0).patch()).isEqualTo("@@ -1,2 +0,0 @@\n-x\n-y\n");
        assertThat(diff.files().get(2).patch()).startsWith("@@ -2,7 +2,7 @@ line 1\n line 2\n").contains("-line 5\n+line five\n");
        assertThat(diff.stat()).isEqualTo(new DiffStat(4, 6, 4));
        assertThat(diff.truncated()).isFalse();
        assertThat(diff.unifiedDiff()).isEqualTo(gitsOwnDiff(head));
    }

    @Test
    void binaryFilesAreListedWithoutLinesOrPatch() throws IOException {
        Files.write(repo.resolve("logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        String withLogo = commit();
        Files.write(repo.resolve("logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 9, 9, 9, 9});
        TestRepos.write(repo, Map.of("mod.txt", "a\nb\nc\nd\n"));
        String head = commit();

        AttemptDiff diff = reader.diff(repo, withLogo, head);

        assertThat(diff.files()).containsExactly(
                new FileDiff("logo.png", null, FileChange.MODIFIED, 0, 0, "", true, false),
                new FileDiff("mod.txt", null, FileChange.MODIFIED, 1, 0, "@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n", false, false));
        assertThat(git(repo, "diff", "--numstat", withLogo, head, "--", "logo.png")).isEqualTo("-\t-\tlogo.png");
        assertThat(diff.unifiedDiff()).contains("Binary files a/logo.png and b/logo.png differ\n")
                .isEqualTo(gitsOwnDiff(withLogo, head));
    }

    @Test
    void pathsWithSpacesQuotesTabsAndUnicodeAreGivenAsTheyAre() throws IOException {
        TestRepos.write(repo, Map.of("with space.txt", "1\n", "quote\"d.txt", "2\n", "tab\there.txt", "3\n",
                "unicodé ü 日本.txt", "4\n"));
        Files.createDirectories(repo.resolve("ü dir"));
        Files.move(repo.resolve("a b.txt"), repo.resolve("ü dir/a b.txt"));
        String head = commit();

        AttemptDiff diff = reader.diff(repo, base, head);

        assertThat(diff.files()).extracting(FileDiff::path, FileDiff::oldPath, FileDiff::change).containsExactly(
                tuple("quote\"d.txt", null, FileChange.ADDED),
                tuple("tab\there.txt", null, FileChange.ADDED),
                tuple("unicodé ü 日本.txt", null, FileChange.ADDED),
                tuple("with space.txt", null, FileChange.ADDED),
                tuple("ü dir/a b.txt", "a b.txt", FileChange.RENAMED));
        assertThat(diff.files()).extracting(FileDiff::patch)
                .containsExactly("@@ -0,0 +1 @@\n+2\n", "@@ -0,0 +1 @@\n+3\n", "@@ -0,0 +1 @@\n+4\n", "@@ -0,0 +1 @@\n+1\n", "");
        assertThat(diff.unifiedDiff()).contains("diff --git a/unicodé ü 日本.txt b/unicodé ü 日本.txt\n")
                .isEqualTo(gitsOwnDiff(head));
    }

    @Test
    void modeAndTypeChangesAreModifications() throws IOException {
        Files.setPosixFilePermissions(repo.resolve("script.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(repo.resolve("typ"));
        Files.createSymbolicLink(repo.resolve("typ"), Path.of("mod.txt"));
        TestRepos.write(repo, Map.of("z.txt", "after the type change\n"));
        String head = commit();

        AttemptDiff diff = reader.diff(repo, base, head);

        assertThat(diff.files()).containsExactly(
                new FileDiff("script.sh", null, FileChange.MODIFIED, 0, 0, "", false, false),
                // git shows a type change as a deletion and a creation, each with its own header
                new FileDiff("typ", null, FileChange.MODIFIED, 1, 1,
                        "@@ -1 +0,0 @@\n-text\n@@ -0,0 +1 @@\n+mod.txt\n\\ No newline at end of file\n", false, false),
                new FileDiff("z.txt", null, FileChange.ADDED, 1, 0, "@@ -0,0 +1 @@\n+after the type change\n", false, false));
        assertThat(diff.unifiedDiff()).contains("old mode 100644\nnew mode 100755\n").isEqualTo(gitsOwnDiff(head));
    }

    @Test
    void theUsersDiffConfigurationDoesNotChangeTheShape() throws IOException {
        Files.createDirectories(repo.resolve("sub")); // a submodule that is not checked out
        git(repo, "update-index", "--add", "--cacheinfo", "160000," + base + ",sub");
        String withSubmodule = commit();
        git(repo, "update-index", "--cacheinfo", "160000," + withSubmodule + ",sub");
        TestRepos.write(repo, Map.of("mod.txt", "a\nB\nc\n", "unicodé.txt", "u\n"));
        git(repo, "mv", "old.txt", "renamed.txt");
        String head = commit();
        AttemptDiff expected = reader.diff(repo, withSubmodule, head);
        Path config = temp.resolve("gitconfig");
        Files.writeString(config, "[color]\n\tui = always\n[diff]\n\tnoprefix = true\n\texternal = /bin/false\n"
                + "\trenames = false\n\tsubmodule = log\n\tsuppressBlankEmpty = true\n\trelative = true\n"
                + "[core]\n\tquotePath = true\n");

        AttemptDiff diff = new DiffReader(git.withEnvironment(Map.of("GIT_CONFIG_GLOBAL", config.toString())),
                DiffLimits.DEFAULT).diff(repo, withSubmodule, head);

        assertThat(diff).isEqualTo(expected);
        assertThat(diff.files()).extracting(FileDiff::path, FileDiff::change).containsExactly(
                tuple("mod.txt", FileChange.MODIFIED), tuple("renamed.txt", FileChange.RENAMED),
                tuple("sub", FileChange.MODIFIED), tuple("unicodé.txt", FileChange.ADDED));
        assertThat(diff.files().get(2).patch()).isEqualTo("@@ -1 +1 @@\n-Subproject commit " + base
                + "\n+Subproject commit " + withSubmodule + "\n");
    }

    @Test
    void noChangesIsAnEmptyDiff() {
        git(repo, "commit", "--quiet", "--allow-empty", "-m", "nothing");

        for (String head : new String[]{base, head(repo, "HEAD")}) {
            AttemptDiff diff = reader.diff(repo, base, head);
            assertThat(diff.files()).isEmpty();
            assertThat(diff.unifiedDiff()).isEmpty();
            assertThat(diff.stat()).isEqualTo(new DiffStat(0, 0, 0));
        }
    }

    @Test
    void aHugeGeneratedFileIsCountedButItsPatchIsCut() throws IOException {
        String generated = IntStream.range(0, 150_000).mapToObj(i -> "generated line " + i + "\n").collect(Collectors.joining());
        String minified = "x".repeat(3 * 1024 * 1024) + "\n"; // one line of 3 MB
        TestRepos.write(repo, Map.of("generated.txt", generated, "bundle.min.js", minified, "mod.txt", "a\nb\nc\nd\n"));
        String head = commit();
        assertThat(generated.length()).isGreaterThan(2 * DiffLimits.DEFAULT.filePatchBytes());

        AttemptDiff diff = reader.diff(repo, base, head);

        assertThat(diff.files()).containsExactly(
                new FileDiff("bundle.min.js", null, FileChange.ADDED, 1, 0, "", false, true),
                new FileDiff("generated.txt", null, FileChange.ADDED, 150_000, 0, "", false, true),
                new FileDiff("mod.txt", null, FileChange.MODIFIED, 1, 0, "@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n", false, false));
        assertThat(diff.truncated()).isTrue();
        assertThat(diff.unifiedDiff()).hasSizeLessThan(2000)
                .contains("+++ b/bundle.min.js\n", "+++ b/generated.txt\n", "+++ b/mod.txt\n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n");
    }

    @Test
    void aFileKeepsTheWholeHunksThatFitItsLimitAndNoneAfterTheFirstThatDoesNot() {
        String thirtyLines = lines(1, 30);
        TestRepos.write(repo, Map.of("long.txt", thirtyLines));
        String before = commit();
        TestRepos.write(repo, Map.of("long.txt", thirtyLines.replace("line 1\n", "line one\n")
                .replace("line 15\n", "line 15!\n").replace("line 28\n", "line 28!\n")));
        String head = commit();
        String full = reader.diff(repo, before, head).files().get(0).patch();
        String[] hunks = full.split("(?=@@ -)");
        assertThat(hunks).hasSize(3); // the last is shorter than the second: it would fit, but follows a cut
        assertThat(hunks[2].length()).isLessThan(hunks[1].length() - 1);

        AttemptDiff diff = new DiffReader(git, new DiffLimits(hunks[0].length() + hunks[1].length() - 1, 1_000_000))
                .diff(repo, before, head);

        FileDiff file = diff.files().get(0);
        assertThat(file.patch()).isEqualTo(hunks[0]);
        assertThat(file.truncated()).isTrue();
        assertThat(file.additions()).isEqualTo(3);
        assertThat(file.deletions()).isEqualTo(3);
        assertThat(diff.unifiedDiff()).isEqualTo(gitsOwnDiff(before, head).replace(hunks[1] + hunks[2], ""));
    }

    @Test
    void theUnifiedDiffLimitCutsTheHunksThatNoLongerFitAndKeepsLaterOnesThatDo() {
        String big = lines(1, 200);
        TestRepos.write(repo, Map.of("a.txt", "a\n", "b.txt", "b\n", "c.txt", "c\n"));
        String before = commit();
        TestRepos.write(repo, Map.of("a.txt", "a2\n", "b.txt", big, "c.txt", "c2\n"));
        String head = commit();
        AttemptDiff full = reader.diff(repo, before, head);
        int total = full.unifiedDiff().length() - full.files().get(1).patch().length();

        AttemptDiff diff = new DiffReader(git, new DiffLimits(1_000_000, total)).diff(repo, before, head);

        assertThat(diff.files()).extracting(FileDiff::path, FileDiff::truncated)
                .containsExactly(tuple("a.txt", false), tuple("b.txt", true), tuple("c.txt", false));
        assertThat(diff.files().get(1).patch()).isEmpty();
        assertThat(diff.files().get(1).additions()).isEqualTo(200);
        assertThat(diff.files().get(2).patch()).isEqualTo(full.files().get(2).patch());
        assertThat(diff.unifiedDiff()).hasSize(total)
                .isEqualTo(full.unifiedDiff().replace(full.files().get(1).patch(), ""));
    }

    @Test
    void refusesWhatIsNotACommitId() {
        for (String id : new String[]{"main", "--output=/tmp/x", "HEAD~1", null}) {
            assertThatThrownBy(() -> reader.diff(repo, id, base))
                    .isInstanceOfSatisfying(ChangeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                    .hasMessageStartingWith("base commit '" + id + "' is not a commit id");
        }
    }

    /** "additions\tdeletions" as {@code git diff --numstat} counts them for the file. */
    private String gitsNumstat(String head, FileDiff file) {
        String oldPath = file.oldPath() == null ? file.path() : file.oldPath();
        String[] fields = git(repo, "diff", "--find-renames", "--numstat", base, head, "--", file.path(), oldPath)
                .split("\t");
        return fields[0] + "\t" + fields[1];
    }

    private String commit() {
        TestRepos.commitAll(repo, "change");
        return head(repo, "HEAD");
    }

    private String gitsOwnDiff(String head) {
        return gitsOwnDiff(base, head);
    }

    /** What {@code git diff} prints (TestRepos strips the final newline). */
    private String gitsOwnDiff(String from, String to) {
        return git(repo, "-c", "core.quotepath=false", "diff", "--find-renames", from, to) + "\n";
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
