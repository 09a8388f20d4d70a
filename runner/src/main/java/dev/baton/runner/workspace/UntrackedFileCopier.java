package dev.baton.runner.workspace;

import dev.baton.runner.workspace.WorkspaceException.Reason;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies untracked files the user asked for (such as {@code .env}) from their checkout into a new workspace. A
 * path is refused if it is absolute, goes up with {@code ..}, points into {@code .git}, or leads, through a
 * symbolic link, outside the checkout (or outside the workspace on the way in). Files already in the workspace are
 * never overwritten: they are tracked, not untracked.
 */
final class UntrackedFileCopier {

    private UntrackedFileCopier() {
    }

    /** Checks every path before anything is created, and returns the files to copy, relative to the checkout. */
    static List<Path> check(Path checkout, List<String> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        if (checkout == null) {
            throw refused("the project has no checkout on this machine to copy " + paths + " from");
        }
        Path checkoutRoot = realPath(checkout);
        List<Path> files = new ArrayList<>();
        for (String text : paths) {
            Path relative = relativePath(text);
            Path source = checkout.resolve(relative);
            if (!Files.exists(source)) {
                throw refused("'" + text + "' does not exist in " + checkout);
            }
            if (!realPath(source).startsWith(checkoutRoot)) {
                throw refused("'" + text + "' leads outside " + checkout + " through a symbolic link");
            }
            if (!Files.isRegularFile(source)) {
                throw refused("'" + text + "' is not a regular file");
            }
            files.add(relative);
        }
        return files;
    }

    static void copy(Path checkout, List<Path> files, Path workspace) {
        Path workspaceRoot = realPath(workspace);
        for (Path relative : files) {
            Path target = workspace.resolve(relative);
            try {
                Files.createDirectories(target.getParent());
                if (!realPath(target.getParent()).startsWith(workspaceRoot)) {
                    throw refused("'" + relative + "' would be written outside the workspace through a symbolic link");
                }
                Files.copy(checkout.resolve(relative), target, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (FileAlreadyExistsException e) {
                throw refused("'" + relative + "' is already in the workspace (tracked at the base commit?): not copied");
            } catch (IOException e) {
                throw new WorkspaceException(Reason.IO_FAILED, "cannot copy '" + relative + "' into " + workspace, e);
            }
        }
    }

    private static Path relativePath(String text) {
        if (text == null || text.isBlank()) {
            throw refused("an empty path cannot be copied");
        }
        Path path = Path.of(text);
        if (path.isAbsolute()) {
            throw refused("'" + text + "' is absolute: give a path relative to the checkout");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw refused("'" + text + "' goes up with '..' and could leave the checkout");
            }
        }
        Path normalized = path.normalize();
        if (normalized.toString().isEmpty() || normalized.getName(0).toString().equals(".git")) {
            throw refused("'" + text + "' is not a file of the checkout");
        }
        return normalized;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException(Reason.IO_FAILED, "cannot resolve " + path, e);
        }
    }

    private static WorkspaceException refused(String message) {
        return new WorkspaceException(Reason.COPY_REFUSED, message);
    }
}
