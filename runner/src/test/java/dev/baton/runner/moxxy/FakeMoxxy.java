package dev.baton.runner.moxxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for moxxy's HTTP API (the Rust gateway's {@code /api/...}) on 127.0.0.1, answering as moxxy does:
 * handlers' outcomes as HTTP 200 with {@code success} (and {@code error}); 401 with a bare {@code {"error":…}};
 * axum's own rejections as text/plain 400, 415 and 422; 404 and 405 with empty bodies. See
 * {@code shared/reference/moxxy-api.md}.
 *
 * <p>Nothing runs by itself: a started job is {@code executing}, and the test moves it on ({@link #startWorker},
 * {@link #finishWorker}, {@link #finish}, {@link #advance}, {@link #addEvent}) as moxxy's executor would. Like
 * moxxy, {@link #finish} appends its {@code done} event even to a job canceled meanwhile (the late second
 * {@code done}). Event ids count per agent, so a job's ids have gaps when jobs of the agent interleave.
 *
 * <p>Auth: started {@linkplain #open() open}, it is a loopback moxxy with no API tokens (any request passes);
 * with a token, a request passes with that token in {@code X-Moxxy-Internal-Token} or as
 * {@code Authorization: Bearer}, else it gets moxxy's 401 (moxxy scopes bearer tokens to their agent; this fake
 * does not). Every request is recorded ({@link #received()}).
 */
public final class FakeMoxxy implements AutoCloseable {

    /** A request as received: its headers by case-insensitive name. */
    public record Received(String method, String uri, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEGMENT = "([^/]+)";
    private static final String AGENT = "/api/agents/" + SEGMENT;
    private static final String JOB = AGENT + "/orchestrate/jobs/" + SEGMENT;
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "canceled");
    private static final Set<String> WORKER_MODES = Set.of("existing", "ephemeral", "mixed");
    private static final Set<String> FAILURE_POLICIES = Set.of("auto_replan", "fail_fast", "best_effort");
    private static final Set<String> MERGE_POLICIES = Set.of("manual_approval", "auto_on_review_pass");
    /** moxxy's {@code can_transition}, besides staying in the same state. */
    private static final Map<String, Set<String>> TRANSITIONS = Map.ofEntries(
            Map.entry("queued", Set.of("planning", "canceled")),
            Map.entry("planning", Set.of("plugin_pre_dispatch", "dispatching", "failed", "canceled")),
            Map.entry("plugin_pre_dispatch", Set.of("dispatching", "failed", "canceled")),
            Map.entry("dispatching", Set.of("executing", "failed", "canceled")),
            Map.entry("executing", Set.of("replanning", "reviewing", "completed", "failed", "canceled")),
            Map.entry("replanning", Set.of("dispatching", "failed", "canceled")),
            Map.entry("reviewing", Set.of("merge_pending", "merging", "completed", "failed", "canceled")),
            Map.entry("merge_pending", Set.of("merging", "failed", "canceled")),
            Map.entry("merging", Set.of("completed", "failed", "canceled")));
    /** The providers and models the fake's provider registry knows, for template validation. */
    private static final Map<String, Set<String>> PROVIDERS = Map.of(
            "openai", Set.of("gpt-4o", "gpt-4o-mini"),
            "anthropic", Set.of("claude-sonnet-4-20250514"));
    private static final List<String> SEEDED_TEMPLATES = List.of("simple", "builder-checker-merger", "dev-pipeline",
            "research-report", "multi-repo", "parallel-workers");

    private final String token;
    private final int port;
    private final List<Route> routes = new ArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, ObjectNode> workerRuns = new HashMap<>();
    private String rejectNextJob;
    private HttpServer server;

    private FakeMoxxy(String token) {
        this.token = token;
        routes();
        addAgent("default");
        server = listen(0);
        port = server.getAddress().getPort();
    }

    /** A loopback moxxy without API tokens: every request passes. */
    public static FakeMoxxy open() {
        return new FakeMoxxy(null);
    }

    /** A moxxy that lets a request through with {@code token} as its internal token or as a bearer token. */
    public static FakeMoxxy withToken(String token) {
        return new FakeMoxxy(token);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Takes the server down: calls fail to connect until {@link #restart()}. Its data is kept. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Brings the server back on the same port, with the data it had. */
    public synchronized void restart() {
        if (server == null) {
            server = listen(port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---- what the tests arrange and read ----

    /** An agent as if created through the dashboard, with moxxy's default config and seeded templates. */
    public synchronized void addAgent(String name) {
        Agent agent = new Agent(name);
        for (String id : SEEDED_TEMPLATES) {
            ObjectNode template = JSON.createObjectNode().put("template_id", id).put("name", id)
                    .put("description", "Seeded template " + id).put("default_worker_mode", "ephemeral")
                    .putNull("default_max_parallelism").putNull("default_retry_limit")
                    .putNull("default_failure_policy").putNull("default_merge_policy");
            template.putArray("spawn_profiles").addObject().put("role", "worker").put("persona", "A worker")
                    .put("provider", "").put("model", "").put("runtime_type", "native").put("image_profile", "base");
            agent.templates.put(id, template);
        }
        agents.put(name, agent);
    }

    public synchronized Set<String> agents() {
        return Set.copyOf(agents.keySet());
    }

    /** A secret of an agent's vault as moxxy holds it, or null. */
    public synchronized String vaultValue(String agent, String key) {
        Agent found = agents.get(agent);
        return found == null ? null : found.vault.get(key);
    }

    /** The next job started answers {@code orchestration failed}: its spawn profiles fail vault validation. */
    public synchronized void rejectNextJob(String reason) {
        rejectNextJob = reason;
    }

    /** The ids of the jobs started so far, in no particular order. */
    public synchronized Set<String> jobIds() {
        return Set.copyOf(jobs.keySet());
    }

    /** The job's record as {@code GET /jobs/{id}} answers it. */
    public synchronized ObjectNode job(String jobId) {
        return requireJob(jobId).record.deepCopy();
    }

    /** Sets the job's status without checking the transition, as moxxy's plain status update does. */
    public synchronized void advance(String jobId, String status) {
        setStatus(requireJob(jobId), status, null);
    }

    /** The executor starts a worker on the job; answers its {@code worker_run_id}. */
    public synchronized String startWorker(String jobId, String workerAgent, String workerMode) {
        Job job = requireJob(jobId);
        String id = UUID.randomUUID().toString();
        ObjectNode run = JSON.createObjectNode().put("worker_run_id", id).put("job_id", jobId)
                .put("worker_agent", workerAgent).put("worker_mode", workerMode)
                .put("task_prompt", "worker :: " + job.record.path("prompt").asText()).put("status", "running")
                .put("attempt", 1).put("started_at", now()).putNull("finished_at").putNull("output")
                .putNull("error");
        workerRuns.put(id, run);
        job.workers.add(run);
        addEvent(jobId, "worker_started", JSON.createObjectNode().put("worker_run_id", id)
                .put("worker_agent", workerAgent).put("worker_mode", workerMode));
        return id;
    }

    /** A worker ends {@code succeeded} or {@code failed}; a failed worker's output is its error too. */
    public synchronized void finishWorker(String workerRunId, String status, String output) {
        ObjectNode run = workerRuns.get(workerRunId);
        run.put("status", status).put("finished_at", now()).put("output", output);
        if (status.equals("failed")) {
            run.put("error", output);
        }
        addEvent(run.path("job_id").asText(), "worker_completed", JSON.createObjectNode()
                .put("worker_run_id", workerRunId).put("worker_agent", run.path("worker_agent").asText())
                .put("status", status));
    }

    /**
     * The executor ends the job {@code completed} or {@code failed}: the status is written only if moxxy's state
     * machine allows it (a canceled job stays canceled), and a {@code done} event is appended either way.
     */
    public synchronized void finish(String jobId, String status) {
        Job job = requireJob(jobId);
        if (canTransition(job.status(), status)) {
            setStatus(job, status, status.equals("completed") ? "Orchestration completed"
                    : "One or more workers failed");
        }
        addEvent(jobId, "done", JSON.createObjectNode().put("status", status));
    }

    /** Appends an event to the job's agent; answers its id. */
    public synchronized long addEvent(String jobId, String type, JsonNode payload) {
        return requireJob(jobId).agent().append(jobId, type, payload.toString());
    }

    // ---- the HTTP side ----

    private interface Handler {
        Reply handle(Matcher path, HttpExchange exchange);
    }

    /** A handler of moxxy's: it answers JSON with HTTP 200, failures included. */
    private interface JsonHandler {
        JsonNode handle(Matcher path, HttpExchange exchange);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private record Reply(int status, String contentType, String body) {
    }

    /** axum rejected the request before any handler ran. */
    private static final class Rejection extends RuntimeException {
        private final int status;

        Rejection(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void routes() {
        route("GET", "/api/agents", (path, exchange) -> JSON.createObjectNode()
                .set("agents", JSON.valueToTree(agents.keySet())));
        route("POST", "/api/agents", this::createAgent);
        route("DELETE", AGENT, this::deleteAgent);
        route("POST", AGENT + "/restart", (path, exchange) -> agent(path) == null ? failure("Agent not found")
                : success().put("message", "Agent '" + path.group(1) + "' session restarted. Short-term memory"
                + " cleared."));
        route("GET", AGENT + "/vault", (path, exchange) -> agent(path) == null ? failure("Agent not found")
                : success().set("keys", JSON.valueToTree(agent(path).vault.keySet())));
        route("POST", AGENT + "/vault", this::setVault);
        route("GET", AGENT + "/orchestrate/config", (path, exchange) -> agent(path) == null
                ? failure("Agent not found") : success().set("config", agent(path).config));
        route("POST", AGENT + "/orchestrate/config", this::setConfig);
        route("GET", AGENT + "/orchestrate/templates", (path, exchange) -> agent(path) == null
                ? failure("Agent not found")
                : success().set("templates", JSON.valueToTree(new TreeMap<>(agent(path).templates).values())));
        route("POST", AGENT + "/orchestrate/templates", this::saveTemplate);
        route("GET", AGENT + "/orchestrate/templates/" + SEGMENT, (path, exchange) -> withTemplate(path,
                (agent, template) -> success().set("template", template)));
        route("PATCH", AGENT + "/orchestrate/templates/" + SEGMENT, this::patchTemplate);
        route("DELETE", AGENT + "/orchestrate/templates/" + SEGMENT, (path, exchange) -> withTemplate(path,
                (agent, template) -> {
                    agent.templates.remove(path.group(2));
                    return success();
                }));
        route("POST", AGENT + "/orchestrate/jobs", this::startJob);
        route("GET", JOB, (path, exchange) -> {
            Agent agent = agent(path);
            Job job = agent == null ? null : agentJob(agent, path.group(2));
            return agent == null ? failure("Agent not found") : job == null ? failure("Job not found")
                    : success().set("job", job.record);
        });
        route("GET", JOB + "/workers", (path, exchange) -> {
            Agent agent = agent(path);
            Job job = agent == null ? null : agentJob(agent, path.group(2));
            return agent == null ? failure("Agent not found")
                    : success().set("workers", JSON.valueToTree(job == null ? List.of() : job.workers));
        });
        route("GET", JOB + "/events", this::events);
        routes.add(new Route("GET", Pattern.compile(JOB + "/stream"), this::stream));
        route("POST", JOB + "/cancel", this::cancel);
        route("POST", JOB + "/actions/approve-merge", this::approveMerge);
    }

    private void route(String method, String path, JsonHandler handler) {
        routes.add(new Route(method, Pattern.compile(path), (matcher, exchange) -> ok(handler.handle(matcher,
                exchange))));
    }

    private HttpServer listen(int port) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            created.createContext("/", this::handle);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Collections.unmodifiableMap(headers), body));
            exchange.setAttribute("body", body);
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
            exchange.getResponseHeaders().add("Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'");
            Reply reply;
            synchronized (this) {
                reply = unauthorized(exchange);
                if (reply == null) {
                    reply = dispatch(exchange);
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            }
            if (reply.contentType() != null && reply.contentType().startsWith("text/event-stream")) {
                exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** moxxy's {@code require_auth}; null when the request may pass. */
    private Reply unauthorized(HttpExchange exchange) {
        if (token == null || token.equals(exchange.getRequestHeaders().getFirst("X-Moxxy-Internal-Token"))) {
            return null;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return authError("Missing or invalid Authorization header. Use: Bearer <token>");
        }
        return authorization.substring("Bearer ".length()).equals(token) ? null
                : authError("Invalid or unauthorized API token");
    }

    private static Reply authError(String message) {
        return new Reply(401, "application/json", JSON.createObjectNode().put("error", message).toString());
    }

    private Reply dispatch(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(path);
            if (matcher.matches()) {
                pathKnown = true;
                if (route.method().equals(exchange.getRequestMethod())) {
                    try {
                        return route.handler().handle(matcher, exchange);
                    } catch (Rejection e) {
                        return new Reply(e.status, "text/plain; charset=utf-8", e.getMessage());
                    }
                }
            }
        }
        return new Reply(pathKnown ? 405 : 404, null, "");
    }

    // ---- agents and vault ----

    private JsonNode createAgent(Matcher path, HttpExchange exchange) {
        JsonNode body = jsonBody(exchange);
        String name = requiredText(body, "name");
        requiredText(body, "description");
        optionalText(body, "telegram_token", null);
        optionalText(body, "runtime_type", Set.of("native", "wasm"));
        optionalText(body, "image_profile", Set.of("base", "networked", "full"));
        if (agents.containsKey(name)) {
            return failure("Agent already exists");
        }
        addAgent(name);
        return success().put("message", "Agent " + name + " provisioned and booted successfully");
    }

    private JsonNode deleteAgent(Matcher path, HttpExchange exchange) {
        String name = path.group(1);
        if (name.equals("default")) {
            return failure("Cannot delete the default agent.");
        }
        agents.remove(name);
        return success().put("message", "Agent '" + name + "' deleted.");
    }

    private JsonNode setVault(Matcher path, HttpExchange exchange) {
        JsonNode body = jsonBody(exchange);
        String key = requiredText(body, "key");
        String value = requiredText(body, "value");
        Agent agent = agent(path);
        if (agent == null) {
            return failure("Agent not found");
        }
        agent.vault.put(key, value);
        return success().put("message", "Secret updated");
    }

    // ---- orchestrator config and templates ----

    private JsonNode setConfig(Matcher path, HttpExchange exchange) {
        JsonNode body = jsonBody(exchange);
        ObjectNode config = JSON.createObjectNode()
                .put("default_template_id", optionalText(body, "default_template_id", null))
                .put("default_worker_mode", requiredText(body, "default_worker_mode", WORKER_MODES))
                .put("default_max_parallelism", optionalNumber(body, "default_max_parallelism"))
                .put("default_retry_limit", requiredNumber(body, "default_retry_limit"))
                .put("default_failure_policy", requiredText(body, "default_failure_policy", FAILURE_POLICIES))
                .put("default_merge_policy", requiredText(body, "default_merge_policy", MERGE_POLICIES))
                .put("parallelism_warn_threshold", requiredNumber(body, "parallelism_warn_threshold"));
        Agent agent = agent(path);
        if (agent == null) {
            return failure("Agent not found");
        }
        agent.config = config;
        return success().set("config", config);
    }

    private JsonNode saveTemplate(Matcher path, HttpExchange exchange) {
        JsonNode body = jsonBody(exchange);
        ObjectNode template = JSON.createObjectNode()
                .put("template_id", requiredText(body, "template_id"))
                .put("name", requiredText(body, "name"))
                .put("description", requiredText(body, "description"));
        templateDefaults(body, template);
        if (!body.path("spawn_profiles").isArray()) {
            throw shape("missing field `spawn_profiles`");
        }
        template.set("spawn_profiles", spawnProfiles(body.path("spawn_profiles")));
        String invalid = invalid(template);
        if (invalid != null) {
            return failure(invalid);
        }
        Agent agent = agent(path);
        if (agent == null) {
            return failure("Agent not found");
        }
        agent.templates.put(template.path("template_id").asText(), template);
        return success().set("template", template);
    }

    private JsonNode patchTemplate(Matcher path, HttpExchange exchange) {
        JsonNode body = jsonBody(exchange);
        ObjectNode patch = JSON.createObjectNode();
        for (String field : List.of("name", "description")) {
            if (body.hasNonNull(field)) {
                patch.put(field, requiredText(body, field));
            }
        }
        templateDefaults(body, patch);
        patch.properties().removeIf(field -> field.getValue().isNull()); // absent: left unchanged
        if (body.hasNonNull("spawn_profiles")) {
            patch.set("spawn_profiles", spawnProfiles(body.path("spawn_profiles")));
        }
        return withTemplate(path, (agent, template) -> {
            ObjectNode merged = template.deepCopy().setAll(patch);
            String invalid = invalid(merged);
            if (invalid != null) {
                return failure(invalid);
            }
            agent.templates.put(path.group(2), merged);
            return success().set("template", merged);
        });
    }

    private interface TemplateHandler {
        JsonNode handle(Agent agent, ObjectNode template);
    }

    private JsonNode withTemplate(Matcher path, TemplateHandler handler) {
        Agent agent = agent(path);
        ObjectNode template = agent == null ? null : agent.templates.get(path.group(2));
        return agent == null ? failure("Agent not found") : template == null ? failure("Template not found")
                : handler.handle(agent, template);
    }

    private static void templateDefaults(JsonNode body, ObjectNode template) {
        template.put("default_worker_mode", optionalText(body, "default_worker_mode", WORKER_MODES))
                .put("default_max_parallelism", optionalNumber(body, "default_max_parallelism"))
                .put("default_retry_limit", optionalNumber(body, "default_retry_limit"))
                .put("default_failure_policy", optionalText(body, "default_failure_policy", FAILURE_POLICIES))
                .put("default_merge_policy", optionalText(body, "default_merge_policy", MERGE_POLICIES));
    }

    private static ArrayNode spawnProfiles(JsonNode profiles) {
        if (!profiles.isArray()) {
            throw shape("invalid type for `spawn_profiles`, expected a sequence");
        }
        ArrayNode checked = JSON.createArrayNode();
        for (JsonNode profile : profiles) {
            ObjectNode copy = checked.addObject();
            for (String field : List.of("role", "persona", "provider", "model", "runtime_type", "image_profile")) {
                copy.put(field, requiredText(profile, field));
            }
        }
        return checked;
    }

    /** moxxy's template validation; null when the template is valid. */
    private static String invalid(JsonNode template) {
        if (template.path("template_id").asText().isBlank()) {
            return "template_id is required";
        }
        if (template.path("name").asText().isBlank()) {
            return "name is required";
        }
        for (JsonNode profile : template.path("spawn_profiles")) {
            String provider = profile.path("provider").asText();
            String model = profile.path("model").asText();
            if (profile.path("role").asText().isBlank()) {
                return "spawn profile role is required";
            }
            if (provider.isBlank() || model.isBlank()) {
                return "spawn profile provider/model is required";
            }
            if (!PROVIDERS.containsKey(provider)) {
                return "unknown provider '" + provider + "'";
            }
            if (!PROVIDERS.get(provider).contains(model)) {
                return "unknown model '" + model + "' for provider '" + provider + "'";
            }
        }
        return null;
    }

    // ---- jobs ----

    private JsonNode startJob(Matcher path, HttpExchange exchange) {
        JsonNode body = jsonBody(exchange);
        String prompt = requiredText(body, "prompt").strip();
        String templateId = optionalText(body, "template_id", null);
        String requestedMode = optionalText(body, "worker_mode", WORKER_MODES);
        List<String> existing = texts(body, "existing_agents");
        List<String> phases = texts(body, "phases");
        Integer ephemeral = body.path("ephemeral").isObject() ? optionalNumber(body.path("ephemeral"), "count")
                : null;
        Integer parallelism = optionalNumber(body, "max_parallelism");
        Agent agent = agent(path);
        if (agent == null) {
            return failure("Agent not found");
        }
        if (prompt.isEmpty()) {
            return failure("prompt is required");
        }
        if (templateId == null || templateId.isBlank()) {
            templateId = agent.config.path("default_template_id").textValue();
        }
        ObjectNode template = templateId == null ? null : agent.templates.get(templateId);
        if (templateId != null && template == null) {
            return failure("Template '" + templateId + "' not found");
        }
        String mode = firstText(requestedMode, template, "default_worker_mode", agent.config);
        Integer resolvedParallelism = parallelism != null ? parallelism
                : firstNumber(template, "default_max_parallelism", agent.config);
        int workers = !phases.isEmpty() ? phases.size()
                : (mode.equals("ephemeral") ? 0 : Math.max(existing.size(), 1))
                + (mode.equals("existing") ? 0 : ephemeral == null || ephemeral == 0 ? 1 : ephemeral);

        String jobId = UUID.randomUUID().toString();
        String now = now();
        ObjectNode record = JSON.createObjectNode().put("job_id", jobId).put("agent_name", agent.name)
                .put("status", "queued").put("prompt", prompt).put("worker_mode", mode).putNull("summary")
                .putNull("error").put("created_at", now).put("updated_at", now).putNull("finished_at");
        Job job = new Job(agent, record);
        jobs.put(jobId, job);
        agent.append(jobId, "job_started", JSON.createObjectNode().put("state", "queued")
                .put("template_id", templateId).put("worker_mode", mode)
                .put("max_parallelism", resolvedParallelism).toString());
        int threshold = agent.config.path("parallelism_warn_threshold").asInt();
        if (resolvedParallelism != null && resolvedParallelism > threshold) {
            agent.append(jobId, "advisory", JSON.createObjectNode().put("text", "Configured parallelism "
                    + resolvedParallelism + " is above recommended threshold " + threshold).toString());
        }
        if (rejectNextJob != null) {
            String reason = rejectNextJob;
            rejectNextJob = null;
            setStatus(job, "failed", null);
            record.put("error", reason);
            agent.append(jobId, "failed", JSON.createObjectNode().put("error", reason).toString());
            agent.append(jobId, "done", JSON.createObjectNode().put("status", "failed").toString());
            return JSON.createObjectNode().put("success", false).put("job_id", jobId)
                    .put("error", "orchestration failed");
        }
        setStatus(job, "executing", null);
        return success().put("job_id", jobId).put("worker_count", workers);
    }

    private JsonNode events(Matcher path, HttpExchange exchange) {
        Map<String, String> query = query(exchange);
        long after = Math.max(0, queryNumber(query, "after", 0));
        long limit = Math.min(1000, Math.max(1, queryNumber(query, "limit", 200)));
        Agent agent = agent(path);
        if (agent == null) {
            return failure("Agent not found");
        }
        ArrayNode events = JSON.createArrayNode();
        agent.events.stream().filter(event -> event.path("job_id").asText().equals(path.group(2)))
                .filter(event -> event.path("id").asLong() > after).limit(limit).forEach(events::add);
        return success().set("events", events);
    }

    /** A snapshot of the job's stored events, closed after the last; a synthetic done if none is stored. */
    private Reply stream(Matcher path, HttpExchange exchange) {
        Agent agent = agent(path);
        if (agent == null) {
            return ok(failure("Agent not found"));
        }
        StringBuilder stream = new StringBuilder();
        agent.events.stream().filter(event -> event.path("job_id").asText().equals(path.group(2)))
                .forEach(event -> stream.append("data:").append(streamData(event)).append("\n\n"));
        if (!stream.toString().contains("\"type\":\"done\"")) {
            stream.append("data:{\"type\":\"done\"}\n\n");
        }
        return new Reply(200, "text/event-stream", stream.toString());
    }

    private static String streamData(JsonNode event) {
        String type = event.path("event_type").asText();
        long id = event.path("id").asLong();
        try {
            JsonNode payload = JSON.readTree(event.path("payload_json").asText());
            ObjectNode data = payload.isObject() ? (ObjectNode) payload : JSON.createObjectNode().set("payload",
                    payload);
            return data.put("type", type).put("event_id", id).toString();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("raw", event.path("payload_json").asText()).put("type", type)
                    .put("event_id", id).toString();
        }
    }

    private JsonNode cancel(Matcher path, HttpExchange exchange) {
        Agent agent = agent(path);
        Job job = agent == null ? null : agentJob(agent, path.group(2));
        if (agent == null || job == null) {
            return failure(agent == null ? "Agent not found" : "Job not found");
        }
        if (TERMINAL.contains(job.status())) {
            return success().put("job_id", path.group(2));
        }
        setStatus(job, "canceled", null);
        agent.append(path.group(2), "canceled", "{\"status\":\"canceled\"}");
        agent.append(path.group(2), "done", "{\"status\":\"canceled\"}");
        return success();
    }

    /** Always answers success, even for an unknown job; force-completes an executing one. */
    private JsonNode approveMerge(Matcher path, HttpExchange exchange) {
        Agent agent = agent(path);
        if (agent == null) {
            return failure("Agent not found");
        }
        String jobId = path.group(2);
        Job job = agentJob(agent, jobId);
        if (job != null && job.status().equals("completed")) {
            return success().put("job_id", jobId);
        }
        if (job != null) {
            for (String next : List.of("reviewing", "merge_pending", "merging")) {
                if (canTransition(job.status(), next)) {
                    setStatus(job, next, null);
                }
            }
        }
        agent.append(jobId, "merge_approved", "{\"approved\":true}");
        if (job != null && canTransition(job.status(), "completed")) {
            setStatus(job, "completed", "Merge approved");
        }
        agent.append(jobId, "done", "{\"status\":\"completed\"}");
        return success().put("job_id", jobId);
    }

    // ---- state ----

    private static final class Agent {
        final String name;
        final Map<String, String> vault = new LinkedHashMap<>();
        final Map<String, ObjectNode> templates = new HashMap<>();
        final List<ObjectNode> events = new ArrayList<>();
        long lastEventId;
        ObjectNode config = JSON.createObjectNode().putNull("default_template_id").put("default_worker_mode", "mixed")
                .putNull("default_max_parallelism").put("default_retry_limit", 1)
                .put("default_failure_policy", "auto_replan").put("default_merge_policy", "manual_approval")
                .put("parallelism_warn_threshold", 5);

        Agent(String name) {
            this.name = name;
        }

        long append(String jobId, String type, String payloadJson) {
            events.add(JSON.createObjectNode().put("id", ++lastEventId).put("job_id", jobId).put("event_type", type)
                    .put("payload_json", payloadJson).put("created_at", now()));
            return lastEventId;
        }
    }

    private record Job(Agent agent, ObjectNode record, List<ObjectNode> workers) {
        Job(Agent agent, ObjectNode record) {
            this(agent, record, new ArrayList<>());
        }

        String status() {
            return record.path("status").asText();
        }
    }

    private Job requireJob(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new IllegalArgumentException("the fake moxxy has no job " + jobId);
        }
        return job;
    }

    private Agent agent(Matcher path) {
        return agents.get(path.group(1));
    }

    /** A job lives in its agent's database: asked for under another agent, it is not found. */
    private Job agentJob(Agent agent, String jobId) {
        Job job = jobs.get(jobId);
        return job != null && job.agent() == agent && agents.get(agent.name) == agent ? job : null;
    }

    private static void setStatus(Job job, String status, String summary) {
        job.record().put("status", status).put("updated_at", now());
        if (summary != null) {
            job.record().put("summary", summary);
        }
        if (TERMINAL.contains(status)) {
            job.record().put("finished_at", now());
        }
    }

    private static boolean canTransition(String from, String to) {
        return from.equals(to) || TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
    }

    private static String firstText(String requested, JsonNode template, String field, JsonNode config) {
        if (requested != null) {
            return requested;
        }
        return template != null && template.path(field).isTextual() ? template.path(field).asText()
                : config.path(field).asText();
    }

    private static Integer firstNumber(JsonNode template, String field, JsonNode config) {
        JsonNode value = template != null && template.path(field).isInt() ? template.path(field) : config.path(field);
        return value.isInt() ? value.intValue() : null;
    }

    private static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(MoxxyJson.TIMESTAMP);
    }

    // ---- axum's extractors: Json<T> and Query<T> ----

    private static JsonNode jsonBody(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Rejection(415, "Expected request with `Content-Type: application/json`");
        }
        try {
            JsonNode body = JSON.readTree((String) exchange.getAttribute("body"));
            if (body == null || !body.isObject()) {
                throw shape("invalid type: expected a struct");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new Rejection(400, "Failed to parse the request body as JSON: " + e.getOriginalMessage());
        }
    }

    private static Rejection shape(String detail) {
        return new Rejection(422, "Failed to deserialize the JSON body into the target type: " + detail);
    }

    private static String requiredText(JsonNode body, String field) {
        return requiredText(body, field, null);
    }

    private static String requiredText(JsonNode body, String field, Set<String> allowed) {
        if (!body.hasNonNull(field)) {
            throw shape("missing field `" + field + "`");
        }
        return optionalText(body, field, allowed);
    }

    private static String optionalText(JsonNode body, String field, Set<String> allowed) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw shape(field + ": invalid type, expected a string");
        }
        if (allowed != null && !allowed.contains(value.asText())) {
            throw shape(field + ": unknown variant `" + value.asText() + "`, expected one of " + allowed);
        }
        return value.asText();
    }

    private static int requiredNumber(JsonNode body, String field) {
        Integer value = optionalNumber(body, field);
        if (value == null) {
            throw shape("missing field `" + field + "`");
        }
        return value;
    }

    private static Integer optionalNumber(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw shape(field + ": invalid value, expected usize");
        }
        return value.intValue();
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw shape(field + ": invalid type, expected a sequence");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw shape(field + ": invalid type, expected a string");
            }
            texts.add(element.asText());
        }
        return texts;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }

    private static long queryNumber(Map<String, String> query, String name, long otherwise) {
        try {
            return query.containsKey(name) ? Long.parseLong(query.get(name)) : otherwise;
        } catch (NumberFormatException e) {
            throw new Rejection(400, "Failed to deserialize query string: " + name + ": invalid digit found in"
                    + " string");
        }
    }

    private static ObjectNode success() {
        return JSON.createObjectNode().put("success", true);
    }

    private static ObjectNode failure(String error) {
        return JSON.createObjectNode().put("success", false).put("error", error);
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, "application/json", body.toString());
    }
}
