package dev.baton.runner.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Objects;

/**
 * One file of an attempt's diff, as {@code GET /attempts/{id}/diff} answers it (snake_case, {@code old_path} only
 * for a rename).
 *
 * @param path      the file's path in the head, or in the base for a deleted file
 * @param oldPath   the path in the base for a renamed file, otherwise null
 * @param additions lines added, exactly as {@code git diff --numstat} counts them (0 for a binary file)
 * @param deletions lines deleted, likewise
 * @param patch     the file's hunks ("@@ … @@" and their lines) without the "diff --git" header lines; empty
 *                  when there are none (binary file, pure rename, mode change, empty new file) or all were cut
 * @param binary    git sees the file as binary and shows no lines of it
 * @param truncated some of the file's hunks were left out of {@code patch} and of the unified diff (see
 *                  {@link DiffLimits}); {@code additions} and {@code deletions} still count them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileDiff(String path, @JsonInclude(JsonInclude.Include.NON_NULL) String oldPath, FileChange change,
                       int additions, int deletions, String patch, boolean binary, boolean truncated) {

    public FileDiff {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(patch, "patch");
    }
}
