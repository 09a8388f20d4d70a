package dev.baton.api.attempt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.Envelope;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.runner.attempt.AttemptArtifacts;
import dev.baton.runner.attempt.AttemptArtifacts.Artifact;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What an attempt leaves for review: its diff against the base commit ({@code files} as JSON, or the raw unified
 * diff with {@code Accept: text/x-diff}), and its artifacts (the agent's and each gate's output, the diff).
 */
@RestController
@RequestMapping("/api/v1")
class AttemptArtifactController {

    private static final String RAW_DIFF = "text/x-diff";
    private final AttemptArtifacts artifacts;
    private final KnownAttempts attempts;
    private final ObjectMapper json;

    AttemptArtifactController(AttemptArtifacts artifacts, KnownAttempts attempts, ObjectMapper json) {
        this.artifacts = artifacts;
        this.attempts = attempts;
        this.json = json;
    }

    /** The diff's files as JSON; the raw unified diff when the client asks for {@code text/x-diff}. */
    @GetMapping("/attempts/{attemptId}/diff")
    ResponseEntity<?> diff(@PathVariable String attemptId,
                           @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        try {
            if (accept != null && accept.contains(RAW_DIFF)) {
                // in memory: a diff is bounded (DiffLimits), and the answer's type is chosen at run time
                Artifact patch = diffArtifact(attemptId, "diff");
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                artifacts.copy(patch, bytes);
                return ResponseEntity.ok().contentType(typeOf(patch)).body(bytes.toByteArray());
            }
            return ResponseEntity.ok(Envelope.ok(json.readTree(diffArtifact(attemptId, "diff-json").file().toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the diff of attempt " + attemptId, e);
        }
    }

    @GetMapping("/attempts/{attemptId}/artifacts")
    Envelope list(@PathVariable String attemptId) {
        attempts.require(attemptId);
        List<Map<String, Object>> items = artifacts.of(attemptId).stream().map(AttemptArtifactController::metadata).toList();
        return Envelope.ok(Map.of("items", items));
    }

    @GetMapping("/attempts/{attemptId}/artifacts/{name}")
    ResponseEntity<StreamingResponseBody> artifact(@PathVariable String attemptId, @PathVariable String name) {
        attempts.require(attemptId);
        return content(artifacts.find(attemptId, name).orElseThrow(() -> ApiException.notFound("artifact", name)));
    }

    @GetMapping("/artifacts/{artifactId}")
    ResponseEntity<StreamingResponseBody> artifact(@PathVariable String artifactId) {
        return content(artifacts.find(artifactId).orElseThrow(() -> ApiException.notFound("artifact", artifactId)));
    }

    private Artifact diffArtifact(String attemptId, String name) {
        attempts.require(attemptId);
        return artifacts.find(attemptId, name).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND,
                "attempt " + attemptId + " has no diff yet: it is made when the agent and the gates are done",
                Map.of("attempt_id", attemptId)));
    }


    static Map<String, Object> metadata(Artifact artifact) {
        return Map.of("artifact_id", artifact.artifactId(), "kind", artifact.kind(), "name", artifact.name(),
                "content_type", artifact.contentType(), "size_bytes", artifact.sizeBytes());
    }

    /** The artifact's bytes, provider keys hidden; its length may grow while an agent still writes it. */
    private ResponseEntity<StreamingResponseBody> content(Artifact artifact) {
        return ResponseEntity.ok().contentType(typeOf(artifact)).body(out -> artifacts.copy(artifact, out));
    }

    private static MediaType typeOf(Artifact artifact) {
        return MediaType.parseMediaType(artifact.contentType() + ";charset=UTF-8");
    }
}
