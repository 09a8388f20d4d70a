package dev.baton.runner.agent.moxxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.AgentEvent.DoneStatus;
import dev.baton.runner.agent.AgentEvent.ErrorCode;
import dev.baton.runner.agent.AgentEvent.Role;
import dev.baton.runner.agent.AgentEvent.ToolStatus;
import dev.baton.runner.agent.ErrorCodes;
import dev.baton.runner.agent.Json;
import dev.baton.runner.agent.JsonLinesParser;

/**
 * Reads the lines of {@link dev.baton.runner.moxxy.MoxxyDelegate}: the job and moxxy's events become system
 * messages, each worker a tool call (started, then completed or failed with its output), a worker's output also the
 * assistant's message, the delegate's troubles errors, and the {@code result} line the run's end as moxxy's job
 * status says: {@code completed} a success, {@code failed} a failure, {@code canceled} a cancellation.
 */
final class MoxxyParser extends JsonLinesParser {

    static final String WORKER_TOOL = "moxxy_worker";

    private String lastOutput;

    MoxxyParser() {
        super("moxxy delegate");
    }

    @Override
    protected boolean onJson(String type, JsonNode json) {
        switch (type) {
            case "job" -> system("moxxy job " + Json.text(json, "job_id") + " started on agent "
                    + Json.text(json, "agent") + " (" + Json.text(json, "worker_count") + " worker(s) planned)");
            case "event" -> onEvent(Json.text(json, "event_type"), json.path("payload"));
            case "worker" -> onWorker(json);
            case "notice" -> system(Json.text(json, "message"));
            case "warning" -> emit(AgentEvent.Error.warning(Json.text(json, "message")));
            case "error" -> emit(new AgentEvent.Error(Json.text(json, "message"), true,
                    code(Json.text(json, "reason"), Json.text(json, "message"))));
            case "cancel" -> system("moxxy job " + Json.text(json, "job_id") + " cancelled ("
                    + Json.text(json, "outcome") + "); its workers may run on in moxxy");
            case "result" -> onResult(json);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void onEvent(String eventType, JsonNode payload) {
        switch (String.valueOf(eventType)) {
            case "worker_started" -> emit(new AgentEvent.ToolCall(Json.text(payload, "worker_run_id"), WORKER_TOOL,
                    Json.orNull(payload), ToolStatus.STARTED, null, null));
            case "worker_completed" -> {
                // the worker line that follows carries its output
            }
            case "failed" -> {
                String error = Json.text(payload, "error");
                emit(AgentEvent.Error.warning("moxxy: " + (error == null ? "the job failed" : error)));
            }
            case "advisory" -> system("moxxy: " + Json.text(payload, "text"));
            default -> system("moxxy " + eventType + (payload.isObject() && !payload.isEmpty() ? " " + payload
                    : ""));
        }
    }

    private void onWorker(JsonNode json) {
        boolean succeeded = "succeeded".equals(Json.text(json, "status"));
        String output = Json.text(json, "output");
        emit(new AgentEvent.ToolCall(Json.text(json, "worker_run_id"), WORKER_TOOL, null,
                succeeded ? ToolStatus.COMPLETED : ToolStatus.FAILED, output, Json.text(json, "error")));
        if (succeeded && output != null && !output.isBlank()) {
            lastOutput = output;
            emit(AgentEvent.Message.assistant(output));
        }
    }

    private void onResult(JsonNode json) {
        String status = Json.text(json, "status");
        String summary = Json.text(json, "summary");
        String error = Json.text(json, "error");
        switch (String.valueOf(status)) {
            case "completed" -> emit(AgentEvent.Done.of(DoneStatus.SUCCESS, lastOutput != null ? lastOutput : summary));
            case "canceled" -> emit(AgentEvent.Done.of(DoneStatus.CANCELLED, summary));
            default -> {
                String why = error != null ? error : summary != null ? summary : "no reason given";
                emit(new AgentEvent.Error("moxxy job " + status + ": " + why, true, null));
                emit(AgentEvent.Done.of(DoneStatus.FAILED, summary));
            }
        }
    }

    private void system(String text) {
        emit(new AgentEvent.Message(Role.SYSTEM, text, null, null));
    }

    private static ErrorCode code(String reason, String message) {
        if ("unauthorized".equals(reason)) {
            return ErrorCode.AUTH;
        }
        if ("config".equals(reason)) {
            return ErrorCode.SPAWN;
        }
        ErrorCode guessed = ErrorCodes.classify(message, null);
        return guessed != null ? guessed : ErrorCode.API;
    }
}
