package dev.baton.runner.workspace;

import java.nio.file.Path;

/** An attempt's working tree: its folder, its branch, and the full SHA of the commit the branch started from. */
public record Workspace(Path path, String branch, String baseCommit) {
}
