package dev.baton.runner.moxxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.runner.moxxy.MoxxyException.Kind;
import dev.baton.runner.workspace.Redaction;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Calls the HTTP API of one moxxy instance (the Rust gateway, {@code /api/...}, by default on
 * {@code http://127.0.0.1:17890}). moxxy answers its handlers' outcomes with HTTP 200 and a {@code success} flag:
 * {@code success:false} becomes a {@link MoxxyException} of kind {@code UPSTREAM} with moxxy's message. The token
 * is sent in its header and nowhere else, and is redacted from every message this class makes.
 */
public class MoxxyClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The most of a body that a message quotes. */
    private static final int QUOTED = 300;
    /** The statuses of axum's own rejections of a request body or query, which it answers as text/plain. */
    private static final Set<Integer> REJECTIONS = Set.of(400, 415, 422);

    private final String baseUrl;
    private final MoxxyCredentials credentials;
    private final Duration requestTimeout;
    private final HttpClient http;

    public MoxxyClient(URI baseUrl, MoxxyCredentials credentials) {
        this(baseUrl, credentials, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    public MoxxyClient(URI baseUrl, MoxxyCredentials credentials, Duration connectTimeout, Duration requestTimeout) {
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("moxxy's base URL must be http or https: " + Redaction.redact(
                    baseUrl.toString()));
        }
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /**
     * Checks that moxxy answers at the base URL and accepts the credentials, by listing its agents
     * ({@code GET /api/agents}); answers them.
     */
    public List<String> verify() {
        return listAgents();
    }

    /** The names of moxxy's agents, in no particular order. This answer alone has no {@code success} flag. */
    public List<String> listAgents() {
        String what = "GET /api/agents";
        JsonNode agents = exchange("GET", "/api/agents", null, what).path("agents");
        if (!agents.isArray()) {
            throw notMoxxy(200, what, "without the list of agents");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : agents) {
            if (!name.isTextual()) {
                throw notMoxxy(200, what, "with an agent that is not a name");
            }
            names.add(name.asText());
        }
        return names;
    }

    /** Creates an agent, which moxxy boots in the background; answers moxxy's message. */
    public String createAgent(NewAgent agent) {
        return message(call("POST", "/api/agents", agent));
    }

    /** Deletes an agent; moxxy refuses to delete {@code default} and accepts an unknown name. */
    public String deleteAgent(String name) {
        return message(call("DELETE", agentPath(name), null));
    }

    /** Restarts an agent's session (its short-term memory is cleared). */
    public String restartAgent(String name) {
        return message(call("POST", agentPath(name) + "/restart", null));
    }

    /** Sets a secret in an agent's vault. The value is passed through: no message of this client shows it. */
    public void setVaultKey(String agent, String key, String value) {
        ObjectNode body = MoxxyJson.MAPPER.createObjectNode().put("key", key).put("value", value);
        call("POST", agentPath(agent) + "/vault", body, value);
    }

    public OrchestratorConfig config(String agent) {
        String path = orchestratePath(agent) + "/config";
        return read(call("GET", path, null).path("config"), OrchestratorConfig.class, "GET " + path);
    }

    /** Replaces the agent's orchestration config (moxxy checks nothing in it); answers it as stored. */
    public OrchestratorConfig setConfig(String agent, OrchestratorConfig config) {
        String path = orchestratePath(agent) + "/config";
        return read(call("POST", path, config).path("config"), OrchestratorConfig.class, "POST " + path);
    }

    /** The agent's templates, by id. */
    public List<OrchestratorTemplate> templates(String agent) {
        String path = orchestratePath(agent) + "/templates";
        return readList(call("GET", path, null).path("templates"), OrchestratorTemplate.class, "GET " + path);
    }

    public OrchestratorTemplate template(String agent, String templateId) {
        String path = templatePath(agent, templateId);
        return read(call("GET", path, null).path("template"), OrchestratorTemplate.class, "GET " + path);
    }

    /** Creates the template, or replaces the one of the same id. */
    public OrchestratorTemplate saveTemplate(String agent, OrchestratorTemplate template) {
        String path = orchestratePath(agent) + "/templates";
        return read(call("POST", path, template).path("template"), OrchestratorTemplate.class, "POST " + path);
    }

    /** Changes the patch's non-null fields of a template; answers the template as it is now. */
    public OrchestratorTemplate patchTemplate(String agent, String templateId, TemplatePatch patch) {
        String path = templatePath(agent, templateId);
        return read(call("PATCH", path, patch).path("template"), OrchestratorTemplate.class, "PATCH " + path);
    }

    public void deleteTemplate(String agent, String templateId) {
        call("DELETE", templatePath(agent, templateId), null);
    }

    /**
     * Starts an orchestration job on the agent; it is {@code executing} when this returns. A start whose spawn
     * profiles fail validation answers UPSTREAM with the {@code failed} job's id in {@link MoxxyException#jobId()}.
     */
    public StartedJob startJob(String agent, JobRequest request) {
        ObjectNode body = MoxxyJson.MAPPER.createObjectNode().put("prompt", request.prompt());
        if (request.templateId() != null) {
            body.put("template_id", request.templateId());
        }
        if (request.workerMode() != null) {
            body.put("worker_mode", request.workerMode().wire());
        }
        if (request.existingAgents() != null) {
            request.existingAgents().forEach(body.putArray("existing_agents")::add);
        }
        if (request.ephemeralCount() != null) {
            body.putObject("ephemeral").put("count", request.ephemeralCount());
        }
        if (request.maxParallelism() != null) {
            body.put("max_parallelism", request.maxParallelism());
        }
        String path = orchestratePath(agent) + "/jobs";
        return read(call("POST", path, body), StartedJob.class, "POST " + path);
    }

    public MoxxyJob job(String agent, String jobId) {
        String path = jobPath(agent, jobId);
        return read(call("GET", path, null).path("job"), MoxxyJob.class, "GET " + path);
    }

    /** The job's workers in the order they started; none for an unknown job. */
    public List<WorkerRun> workers(String agent, String jobId) {
        String path = jobPath(agent, jobId) + "/workers";
        return readList(call("GET", path, null).path("workers"), WorkerRun.class, "GET " + path);
    }

    /**
     * At most {@code limit} (moxxy caps it to 1–1000) of the job's events whose id is above {@code after}, by id;
     * none for an unknown job. Pass the last id answered to read on.
     */
    public List<JobEvent> events(String agent, String jobId, long after, int limit) {
        String path = jobPath(agent, jobId) + "/events";
        JsonNode answer = call("GET", path + "?after=" + after + "&limit=" + limit, null);
        return readList(answer.path("events"), JobEvent.class, "GET " + path);
    }

    /** Cancels the job unless it has ended; its workers are not stopped (see {@link CancelOutcome}). */
    public CancelOutcome cancel(String agent, String jobId) {
        JsonNode answer = call("POST", jobPath(agent, jobId) + "/cancel", null);
        return answer.has("job_id") ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.CANCELED;
    }

    /**
     * Approves the job's merge: an {@code executing} job becomes {@code completed} ("Merge approved"). moxxy
     * answers success for any job, known or not, and appends {@code merge_approved} and {@code done} events unless
     * the job was already {@code completed}.
     */
    public void approveMerge(String agent, String jobId) {
        call("POST", jobPath(agent, jobId) + "/actions/approve-merge", null);
    }

    private static String agentPath(String agent) {
        return "/api/agents/" + segment(agent);
    }

    private static String orchestratePath(String agent) {
        return agentPath(agent) + "/orchestrate";
    }

    private static String templatePath(String agent, String templateId) {
        return orchestratePath(agent) + "/templates/" + segment(templateId);
    }

    private static String jobPath(String agent, String jobId) {
        return orchestratePath(agent) + "/jobs/" + segment(jobId);
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a name or id in a moxxy path must not be blank");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A call whose answer carries moxxy's {@code success} flag: answers the body when it is true. {@code secrets}
     * are values sent that no message may show.
     */
    private JsonNode call(String method, String pathAndQuery, Object body, String... secrets) {
        String what = method + " " + pathAndQuery.replaceAll("\\?.*", "");
        JsonNode answer = exchange(method, pathAndQuery, body, what, secrets);
        JsonNode success = answer.path("success");
        if (success.isBoolean() && !success.booleanValue()) {
            String error = answer.path("error").asText("(no message)");
            String jobId = answer.path("job_id").isTextual() ? answer.path("job_id").asText() : null;
            throw new MoxxyException(Kind.UPSTREAM, 200, "moxxy refused " + what + ": " + quote(error, secrets),
                    jobId, null);
        }
        if (!success.isBoolean()) {
            throw notMoxxy(200, what, "without moxxy's success flag");
        }
        return answer;
    }

    /** Sends the request and answers its JSON object, or fails with the kind its status and body show. */
    private JsonNode exchange(String method, String pathAndQuery, Object body, String what, String... secrets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(requestTimeout).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(write(body)))
                    .header("Content-Type", "application/json");
        }
        credentials.authenticate(request);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MoxxyException(Kind.UNREACHABLE, 0, redact("moxxy at " + baseUrl + " cannot be reached for "
                    + what + ": " + e, secrets), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoxxyException(Kind.UNREACHABLE, 0, what + " to moxxy was interrupted", null, e);
        }
        int status = response.statusCode();
        String text = response.body();
        if (status == 401) {
            String said = parse(text).path("error").asText("");
            String refused = credentials.kind() == MoxxyCredentials.TokenKind.NONE ? "a request without a token"
                    : "the " + credentials.kind().name().toLowerCase(Locale.ROOT) + " token";
            throw new MoxxyException(Kind.UNAUTHORIZED, status, redact("moxxy at " + baseUrl + " refused " + refused
                    + " for " + what + (said.isEmpty() ? "" : " (" + quote(said, secrets) + ")")
                    + ": check the token and its kind", secrets), null, null);
        }
        boolean plainText = response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain");
        if (REJECTIONS.contains(status) && plainText || status >= 500) {
            throw new MoxxyException(Kind.UPSTREAM, status, redact("moxxy answered " + status + " to " + what
                    + (text.isBlank() ? "" : ": " + quote(text, secrets)), secrets), null, null);
        }
        if (status != 200) {
            throw notMoxxy(status, what, "with status " + status + ": is " + baseUrl + " moxxy's API (the Rust"
                    + " gateway, default http://127.0.0.1:17890)?");
        }
        JsonNode answer = parse(text);
        if (!answer.isObject()) {
            throw notMoxxy(status, what, "with a body that is not moxxy's JSON");
        }
        return answer;
    }

    private MoxxyException notMoxxy(int status, String what, String how) {
        return new MoxxyException(Kind.NOT_MOXXY, status, redact(baseUrl + " answered " + what
                + " " + how), null, null);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = MoxxyJson.MAPPER.readTree(text);
            return node == null ? MoxxyJson.MAPPER.missingNode() : node;
        } catch (JsonProcessingException e) {
            return MoxxyJson.MAPPER.missingNode();
        }
    }

    private <T> T read(JsonNode node, Class<T> type, String what) {
        if (!node.isContainerNode()) {
            throw notMoxxy(200, what, "without the expected object");
        }
        try {
            return MoxxyJson.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw notMoxxy(200, what, "with a field moxxy does not write: " + e.getClass().getSimpleName());
        }
    }

    private <T> List<T> readList(JsonNode node, Class<T> type, String what) {
        if (!node.isArray()) {
            throw notMoxxy(200, what, "without the expected list");
        }
        try {
            return MoxxyJson.MAPPER.readerForListOf(type).readValue(node);
        } catch (IOException | IllegalArgumentException e) {
            throw notMoxxy(200, what, "with a field moxxy does not write: " + e.getClass().getSimpleName());
        }
    }

    private static String message(JsonNode answer) {
        return answer.path("message").asText("");
    }

    private static String write(Object body) {
        try {
            return MoxxyJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request to moxxy as JSON", e);
        }
    }

    /** A body quoted in a message: its secrets redacted before it is cut, so that no part of one is left. */
    private String quote(String text, String... secrets) {
        String redacted = redact(text.strip(), secrets);
        return redacted.length() <= QUOTED ? redacted : redacted.substring(0, QUOTED) + "…";
    }

    private String redact(String text, String... secrets) {
        String redacted = Redaction.redact(credentials.redact(text));
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                redacted = redacted.replace(secret, "***");
            }
        }
        return redacted;
    }
}
