package dev.baton.api.support;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real git repositories in temp folders, with one commit on main. */
public final class GitRepos {

    private GitRepos() {
    }

    public static Path create() {
        try {
            Path dir = Files.createTempDirectory("baton-repo-");
            try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
                Files.writeString(dir.resolve("README.md"), "# test repo\n");
                git.add().addFilepattern("README.md").call();
                git.commit().setMessage("first").setAuthor("Test", "test@example.com")
                        .setCommitter("Test", "test@example.com").setSign(false).call();
            }
            return dir;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot create a git repository", e);
        }
    }
}
