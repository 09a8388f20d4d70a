package dev.baton.runner.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real git repositories for tests, made with the git program. */
public final class TestRepos {

    private static final GitCli GIT = new GitCli("git", Duration.ofSeconds(60));
    /** Commits must not depend on the machine's git configuration. */
    private static final List<String> SETTINGS = List.of("-c", "user.name=Baton Test", "-c", "user.email=test@baton.dev",
            "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main");

    private TestRepos() {
    }

    public static String git(Path directory, String... args) {
        List<String> all = new ArrayList<>(SETTINGS);
        all.addAll(List.of(args));
        return GIT.run(directory, all.toArray(String[]::new));
    }

    /** A checkout on branch main with the given files in a first commit. */
    public static Path checkout(Path directory, Map<String, String> files) {
        write(directory, files);
        git(directory, "init", "--quiet");
        return commitAll(directory, "first commit");
    }

    public static Path commitAll(Path checkout, String message) {
        git(checkout, "add", "--all");
        git(checkout, "commit", "--quiet", "--allow-empty", "-m", message);
        return checkout;
    }

    public static String commitFile(Path checkout, String file, String content) {
        write(checkout, Map.of(file, content));
        commitAll(checkout, "change " + file);
        return head(checkout, "HEAD");
    }

    public static String head(Path repository, String revision) {
        return git(repository, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
    }

    public static boolean branchExists(Path repository, String branch) {
        return !git(repository, "branch", "--list", branch).isEmpty();
    }

    /** The folders git has registered as worktrees of the repository (its own checkout first). */
    public static List<String> worktrees(Path repository) {
        return git(repository, "worktree", "list", "--porcelain").lines()
                .filter(line -> line.startsWith("worktree ")).map(line -> line.substring("worktree ".length())).toList();
    }

    /** A bare copy of {@code source} that tests use as a remote, through its file:// URL. */
    public static String bareRemote(Path source, Path directory) {
        git(source, "clone", "--quiet", "--bare", source.toString(), directory.toString());
        return directory.toUri().toString();
    }

    public static void write(Path root, Map<String, String> files) {
        files.forEach((name, content) -> {
            try {
                Path file = root.resolve(name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
