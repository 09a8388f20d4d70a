package dev.baton.runner.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git files an agent run must not write although the server's user may: those that make a later git command
 * run a program (docs/security.md, "Agent processes"). An agent's worktree is a linked worktree of the user's
 * repository, whose git folder (the common dir) the user's checkout and the server's own git calls share: its
 * {@code config}, {@code hooks} and {@code info} (attributes) are protected, with the worktree's pointers to it
 * (its {@code .git} file and its git folder's {@code commondir}) and the {@code config.worktree} files; so is the
 * global config of the server's user ({@code ~/.gitconfig} and the XDG {@code git} folder).
 * <p>
 * The repository is found by reading files, never by running git, which would read the very config an agent may
 * have written. A protected path that does not exist yet is made empty (git reads an empty file or folder as none)
 * so that the agent cannot create it; if the server cannot make it, the agent, the same user, cannot either.
 */
final class GitFilesGuard {

    private static final String GIT_DIR_PREFIX = "gitdir:";

    private final List<Path> globalFiles;
    private final List<Path> globalFolders;

    private GitFilesGuard(List<Path> globalFiles, List<Path> globalFolders) {
        this.globalFiles = globalFiles;
        this.globalFolders = globalFolders;
    }

    /**
     * The guard of a server whose variables are {@code environment}: git finds its user's global config in
     * {@code $HOME/.gitconfig} and {@code ${XDG_CONFIG_HOME:-$HOME/.config}/git}.
     */
    static GitFilesGuard forUser(Map<String, String> environment) {
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            return new GitFilesGuard(List.of(), List.of());
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path configHome = xdg == null || xdg.isBlank() ? Path.of(home, ".config") : Path.of(xdg);
        return new GitFilesGuard(List.of(Path.of(home, ".gitconfig")), List.of(configHome.resolve("git")));
    }

    /** The paths to make read-only for a run in {@code workingDirectory}, as real paths, made if they were missing. */
    List<Path> protectedPaths(Path workingDirectory) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (Path file : globalFiles) {
            protect(paths, file, Files::createFile);
        }
        for (Path folder : globalFolders) {
            protect(paths, folder, Files::createDirectories);
        }
        Optional<Path> dotGit = findDotGit(workingDirectory.toAbsolutePath());
        if (dotGit.isPresent()) {
            addRepository(paths, dotGit.get());
        }
        return paths.stream().distinct().toList();
    }

    /** What a {@code .git} (a linked worktree's file, or a checkout's folder) leads to. */
    private static void addRepository(List<Path> paths, Path dotGit) throws IOException {
        Path gitDir = dotGit;
        if (Files.isRegularFile(dotGit)) {
            paths.add(dotGit.toRealPath());
            String pointer = Files.readString(dotGit).strip();
            if (!pointer.startsWith(GIT_DIR_PREFIX)) {
                return;
            }
            gitDir = dotGit.getParent().resolve(pointer.substring(GIT_DIR_PREFIX.length()).strip()).normalize();
        }
        Path commonDir = gitDir;
        Path commonDirFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonDirFile)) {
            paths.add(commonDirFile.toRealPath());
            commonDir = gitDir.resolve(Files.readString(commonDirFile).strip()).normalize();
            protect(paths, gitDir.resolve("config.worktree"), Files::createFile);
        }
        if (!Files.isRegularFile(commonDir.resolve("config"))) {
            return; // not a repository: nothing of it to protect
        }
        paths.add(commonDir.resolve("config").toRealPath());
        protect(paths, commonDir.resolve("config.worktree"), Files::createFile);
        protect(paths, commonDir.resolve("hooks"), Files::createDirectories);
        protect(paths, commonDir.resolve("info"), Files::createDirectories);
    }

    /** The {@code .git} of the checkout {@code directory} is in, looking up from it. */
    private static Optional<Path> findDotGit(Path directory) {
        for (Path folder = directory; folder != null; folder = folder.getParent()) {
            Path dotGit = folder.resolve(".git");
            if (Files.exists(dotGit)) {
                return Optional.of(dotGit);
            }
        }
        return Optional.empty();
    }

    /** Adds {@code path}, made by {@code maker} if it is missing; skipped if it cannot be made or resolved. */
    private static void protect(List<Path> paths, Path path, Maker maker) throws IOException {
        try {
            if (!Files.exists(path)) {
                maker.make(path);
            }
            paths.add(path.toRealPath());
        } catch (FileSystemException e) {
            // the server cannot make it (or a dangling link is in the way), so neither can the agent
        }
    }

    @FunctionalInterface
    private interface Maker {
        void make(Path path) throws IOException;
    }
}
