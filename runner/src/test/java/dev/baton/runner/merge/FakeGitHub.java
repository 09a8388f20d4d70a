package dev.baton.runner.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's REST API on 127.0.0.1, answering as GitHub does the calls that open and list pull
 * requests. Its repositories are bare repositories {@code <root>/<owner>/<name>.git}, the ones the tests push to,
 * so a pull request's head must really have been pushed. Requests without GitHub's headers fail with 400.
 */
final class FakeGitHub implements AutoCloseable {

    /** A request as received: method, path with query, and whether it had the expected token. */
    record Received(String method, String uri, boolean authorized) {
    }

    private static final Pattern PULLS = Pattern.compile("/repos/([^/]+)/([^/]+)/pulls");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final String token;
    private final HttpServer server;
    private final List<ObjectNode> pulls = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Instant rateLimitedUntil;

    FakeGitHub(Path root, String token) throws IOException {
        this.root = root;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<ObjectNode> pulls() {
        return List.copyOf(pulls);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** From now on every request is refused as over the rate limit, which resets at {@code reset}. */
    void exhaustRateLimit(Instant reset) {
        rateLimitedUntil = reset;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean authorized = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), authorized));
            if (!"application/vnd.github+json".equals(exchange.getRequestHeaders().getFirst("Accept"))
                    || !"2022-11-28".equals(exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version"))) {
                answer(exchange, 400, message("fake GitHub: the Accept or X-GitHub-Api-Version header is missing"));
                return;
            }
            if (!authorized) {
                answer(exchange, 401, message("Bad credentials"));
                return;
            }
            if (rateLimitedUntil != null) {
                exchange.getResponseHeaders().add("x-ratelimit-limit", "5000");
                exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
                exchange.getResponseHeaders().add("x-ratelimit-reset", String.valueOf(rateLimitedUntil.getEpochSecond()));
                answer(exchange, 403, message("API rate limit exceeded for user ID 1."));
                return;
            }
            Matcher pullsPath = PULLS.matcher(exchange.getRequestURI().getPath());
            Path repository = pullsPath.matches()
                    ? root.resolve(pullsPath.group(1)).resolve(pullsPath.group(2) + ".git") : null;
            if (repository == null || !Files.isDirectory(repository)) {
                answer(exchange, 404, message("Not Found"));
            } else if (exchange.getRequestMethod().equals("POST")) {
                create(exchange, pullsPath.group(1), pullsPath.group(2), repository);
            } else if (exchange.getRequestMethod().equals("GET")) {
                list(exchange);
            } else {
                answer(exchange, 404, message("Not Found"));
            }
        }
    }

    private void create(HttpExchange exchange, String owner, String name, Path repository) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String head = request.path("head").asText();
        String base = request.path("base").asText();
        if (!hasBranch(repository, head)) {
            answer(exchange, 422, validationFailed(JSON.createObjectNode().put("resource", "PullRequest")
                    .put("field", "head").put("code", "invalid")));
        } else if (!hasBranch(repository, base)) {
            answer(exchange, 422, validationFailed(JSON.createObjectNode().put("resource", "PullRequest")
                    .put("field", "base").put("code", "invalid")));
        } else if (pulls.stream().anyMatch(pull -> isOpen(pull, head, base))) {
            answer(exchange, 422, validationFailed(JSON.createObjectNode().put("resource", "PullRequest")
                    .put("code", "custom").put("message", "A pull request already exists for " + owner + ":" + head + ".")));
        } else {
            int number = pulls.size() + 1;
            ObjectNode pull = JSON.createObjectNode().put("number", number).put("state", "open")
                    .put("html_url", "https://github.com/" + owner + "/" + name + "/pull/" + number)
                    .put("title", request.path("title").asText()).put("body", request.path("body").asText());
            pull.putObject("head").put("ref", head).put("label", owner + ":" + head);
            pull.putObject("base").put("ref", base).put("label", owner + ":" + base);
            pulls.add(pull);
            answer(exchange, 201, pull);
        }
    }

    /** GET …/pulls?head=owner:branch&base=…&state=open, as GitHub filters it. */
    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        String head = query.getOrDefault("head", "");
        List<ObjectNode> found = pulls.stream()
                .filter(pull -> head.isEmpty() || pull.path("head").path("label").asText().equals(head))
                .filter(pull -> !query.containsKey("base") || pull.path("base").path("ref").asText().equals(query.get("base")))
                .filter(pull -> pull.path("state").asText().equals(query.getOrDefault("state", "open")))
                .toList();
        answer(exchange, 200, JSON.valueToTree(found));
    }

    private static boolean isOpen(JsonNode pull, String head, String base) {
        return pull.path("state").asText().equals("open") && pull.path("head").path("ref").asText().equals(head)
                && pull.path("base").path("ref").asText().equals(base);
    }

    private static boolean hasBranch(Path repository, String branch) {
        try (var git = new FileRepositoryBuilder().setGitDir(repository.toFile()).setMustExist(true).build()) {
            return git.exactRef("refs/heads/" + branch) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text)
                .put("documentation_url", "https://docs.github.com/rest");
    }

    private static ObjectNode validationFailed(ObjectNode error) {
        ObjectNode answer = message("Validation Failed");
        answer.putArray("errors").add(error);
        return answer;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
