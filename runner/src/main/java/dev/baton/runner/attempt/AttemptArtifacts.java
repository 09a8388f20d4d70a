package dev.baton.runner.attempt;

import dev.baton.runner.change.DiffArtifacts;
import dev.baton.runner.secret.ProviderKeyAccess;
import dev.baton.runner.secret.SecretMask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files an attempt leaves for its reviewer, by artifact id {@code <attemptId>.<name>}: the agent's output, each
 * gate's output and the diff. Names map to fixed files in the attempt's folder, so no id can reach another file.
 */
@Component
public class AttemptArtifacts {

    /** One artifact: its id, what it is, its media type and size. */
    public record Artifact(String artifactId, String kind, String name, String contentType, long sizeBytes,
                           Path file) {
    }

    /** Where an artifact of a name is, in the attempt's folder, and what it is. */
    private record Kind(String kind, String file, String contentType) {
    }

    private static final Map<String, Kind> FILES = new LinkedHashMap<>();

    static {
        FILES.put("agent-stdout", new Kind("agent_output", "agent/agent.stdout", "text/plain"));
        FILES.put("agent-stderr", new Kind("agent_output", "agent/agent.stderr", "text/plain"));
        for (String gate : List.of("install", "test", "lint")) {
            FILES.put("gate-" + gate, new Kind("gate_output", "gate-" + gate + "/agent.stdout", "text/plain"));
        }
        FILES.put("diff", new Kind("diff", DiffArtifacts.PATCH_FILE, "text/x-diff"));
        FILES.put("diff-json", new Kind("diff", DiffArtifacts.FILES_FILE, "application/json"));
    }

    private final RunnerSettings settings;
    private final RunQueue queue;
    private final ProviderKeyAccess keys;

    public AttemptArtifacts(RunnerSettings settings, RunQueue queue, ObjectProvider<ProviderKeyAccess> keys) {
        this.settings = settings;
        this.queue = queue;
        this.keys = keys.getIfAvailable(() -> username -> ProviderKeyAccess.Keys.NONE);
    }

    static String idOf(String attemptId, String name) {
        return attemptId + "." + name;
    }

    /** The artifacts the attempt has so far. */
    public List<Artifact> of(String attemptId) {
        List<Artifact> artifacts = new ArrayList<>();
        for (String name : FILES.keySet()) {
            find(attemptId, name).ifPresent(artifacts::add);
        }
        return artifacts;
    }

    /** The artifact with this id ({@code <attemptId>.<name>}), if it exists. */
    public Optional<Artifact> find(String artifactId) {
        int dot = artifactId.indexOf('.');
        return dot < 0 ? Optional.empty() : find(artifactId.substring(0, dot), artifactId.substring(dot + 1));
    }

    /**
     * Writes the artifact's content to {@code out} with the provider keys of the user who started the attempt hidden:
     * a process that has ended had them hidden in its files already, but one still running may be writing them.
     */
    public void copy(Artifact artifact, OutputStream out) throws IOException {
        String attemptId = artifact.artifactId().substring(0, artifact.artifactId().indexOf('.'));
        String startedBy = queue.find(attemptId).map(RunQueue.Run::startedBy).orElse(null);
        SecretMask mask = startedBy == null ? SecretMask.NONE : SecretMask.of(keys.keysOf(startedBy).values());
        try (InputStream in = Files.newInputStream(artifact.file())) {
            mask.copyMasked(in, out);
        }
    }

    public Optional<Artifact> find(String attemptId, String name) {
        Kind kind = FILES.get(name);
        if (kind == null || !attemptId.matches("[A-Za-z0-9_-]{1,64}")) {
            return Optional.empty();
        }
        Path file = settings.attemptFolder(attemptId).resolve(kind.file());
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(new Artifact(idOf(attemptId, name), kind.kind(), name, kind.contentType(),
                    Files.size(file), file))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + name + " of attempt " + attemptId, e);
        }
    }
}
