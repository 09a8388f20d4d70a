package dev.baton.runner.change;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.change.ChangeException.Reason;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Keeps an attempt's diff in a folder, to be answered long after its workspace is gone: {@code diff.patch}, the
 * unified diff as UTF-8 text, and {@code diff.json}, {@code {"files": [...]}} as {@code GET /attempts/{id}/diff}
 * answers it. Each file is written under a temporary name and then renamed, so a reader never sees half of one.
 */
public final class DiffArtifacts {

    public static final String PATCH_FILE = "diff.patch";
    public static final String FILES_FILE = "diff.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DiffArtifacts() {
    }

    /** The shape of {@code diff.json}. */
    record FileList(List<FileDiff> files) {
    }

    public static void write(AttemptDiff diff, Path folder) {
        try {
            Files.createDirectories(folder);
            replace(folder.resolve(PATCH_FILE), diff.unifiedDiff().getBytes(StandardCharsets.UTF_8));
            replace(folder.resolve(FILES_FILE), JSON.writeValueAsBytes(new FileList(diff.files())));
        } catch (IOException e) {
            throw new ChangeException(Reason.ARTIFACT_FAILED, "cannot write the diff into " + folder, e);
        }
    }

    public static AttemptDiff read(Path folder) {
        try {
            FileList list = JSON.readValue(folder.resolve(FILES_FILE).toFile(), FileList.class);
            return new AttemptDiff(list.files(), Files.readString(folder.resolve(PATCH_FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChangeException(Reason.ARTIFACT_FAILED, "cannot read the diff in " + folder, e);
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
