package dev.baton.runner.moxxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Instant;

/**
 * One stored event of a job. Ids increase within a job, with gaps (they count the agent's events of all jobs), so
 * the last id read is the cursor for the next page. Types: {@code job_started}, {@code advisory},
 * {@code worker_started}, {@code worker_completed}, {@code failed}, {@code canceled}, {@code merge_approved},
 * {@code done}; a job may have more than one {@code done} (after a cancel or an approve-merge), and the job's
 * status is what counts.
 */
public record JobEvent(long id, String jobId, String eventType, String payloadJson, Instant createdAt) {

    /** moxxy sends the payload as a JSON-encoded string: this is it parsed, or the raw text if it is not JSON. */
    public JsonNode payload() {
        try {
            return MoxxyJson.MAPPER.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(payloadJson);
        }
    }
}
