package dev.baton.runner.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runner.merge.MergeException.Reason;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Opens pull requests through GitHub's REST API ({@code https://api.github.com}, or a GitHub Enterprise server's
 * {@code https://host/api/v3}). The token is sent in the Authorization header and nowhere else: no message,
 * exception or log line of this class shows it.
 */
public class GitHubClient {

    public static final URI DEFAULT_API = URI.create("https://api.github.com");
    private static final String API_VERSION = "2022-11-28";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String apiBase;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** {@code token} may be null or blank when none is configured: every call then fails with {@code NO_TOKEN}. */
    public GitHubClient(URI apiBase, String token) {
        this.apiBase = apiBase.toString().replaceAll("/+$", "");
        this.token = token;
    }

    /** Fails unless a token is configured, so that callers can check before they push anything. */
    public void requireToken() {
        if (token == null || token.isBlank()) {
            throw new MergeException(Reason.NO_TOKEN, "no GitHub token is configured: set baton.github.token to a"
                    + " token that may push and open pull requests, then approve again");
        }
    }

    /**
     * Opens a pull request of {@code head} (a branch of the same repository) into {@code base}. If one is already
     * open for them, as after an earlier approve, that one is answered.
     */
    public PullRequest openPullRequest(GitHubRepository repository, String head, String base, String title,
                                       String body) {
        requireToken();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("head", head);
        fields.put("base", base);
        fields.put("body", body);
        String path = "/repos/" + repository + "/pulls";
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(write(fields)))
                .header("Content-Type", "application/json"), "POST " + path);
        JsonNode answer = read(response);
        if (response.statusCode() == 201) {
            return pullRequest(answer, false);
        }
        if (response.statusCode() == 422 && hasError(answer, "A pull request already exists")) {
            return findOpen(repository, head, base);
        }
        if (response.statusCode() == 422 && isInvalid(answer, "head")) {
            throw new MergeException(Reason.GITHUB_REJECTED, "GitHub has no branch " + head + " in " + repository
                    + " to open a pull request from: check that the project's remote is that GitHub repository");
        }
        if (response.statusCode() == 422 && isInvalid(answer, "base")) {
            throw new MergeException(Reason.GITHUB_REJECTED, "GitHub has no base branch " + base + " in "
                    + repository + ": check the project's target branch");
        }
        throw failure(response, answer, "POST " + path, repository);
    }

    private PullRequest findOpen(GitHubRepository repository, String head, String base) {
        String path = "/repos/" + repository + "/pulls";
        String query = "?head=" + encode(repository.owner() + ":" + head) + "&base=" + encode(base) + "&state=open";
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path + query)).GET(), "GET " + path);
        JsonNode answer = read(response);
        if (response.statusCode() != 200) {
            throw failure(response, answer, "GET " + path, repository);
        }
        if (!answer.isArray() || answer.isEmpty()) {
            throw new MergeException(Reason.GITHUB_FAILED, "GitHub says a pull request of " + head + " into " + base
                    + " already exists in " + repository + " but lists none open");
        }
        return pullRequest(answer.get(0), true);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(TIMEOUT)
                    .header("Accept", "application/vnd.github+json")
                    .header("Authorization", "Bearer " + token)
                    .header("X-GitHub-Api-Version", API_VERSION)
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MergeException(Reason.GITHUB_FAILED, "cannot reach GitHub at " + apiBase + " for " + what + ": "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MergeException(Reason.GITHUB_FAILED, what + " to GitHub was interrupted", e);
        }
    }

    private MergeException failure(HttpResponse<String> response, JsonNode answer, String what,
                                   GitHubRepository repository) {
        String said = answer.path("message").asText("");
        int status = response.statusCode();
        if (status == 401) {
            return new MergeException(Reason.GITHUB_UNAUTHORIZED, "GitHub refused the token (" + said
                    + "): set a valid token in baton.github.token");
        }
        if (status == 404) {
            return new MergeException(Reason.GITHUB_NOT_FOUND, "GitHub has no repository " + repository
                    + " that the token can see: check the project's remote and that the token has access to it");
        }
        if ((status == 403 || status == 429)
                && response.headers().firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
            String until = response.headers().firstValueAsLong("x-ratelimit-reset").stream()
                    .mapToObj(reset -> " until " + Instant.ofEpochSecond(reset)).findFirst().orElse("");
            return new MergeException(Reason.GITHUB_FORBIDDEN, "the token's GitHub API rate limit is used up" + until
                    + ": approve again later");
        }
        if (status == 403 || status == 429) {
            return new MergeException(Reason.GITHUB_FORBIDDEN, "GitHub refused " + what + " (" + said
                    + "): can the token write the pull requests of " + repository + "?");
        }
        return new MergeException(Reason.GITHUB_FAILED, "GitHub answered " + status + " to " + what
                + (said.isEmpty() ? "" : ": " + said));
    }

    private static PullRequest pullRequest(JsonNode pull, boolean alreadyOpen) {
        return new PullRequest(pull.path("number").asInt(), pull.path("html_url").asText(), alreadyOpen);
    }

    /** Whether a 422's {@code errors} have one whose message starts with {@code text}. */
    private static boolean hasError(JsonNode answer, String text) {
        return StreamSupport.stream(answer.path("errors").spliterator(), false)
                .anyMatch(error -> error.path("message").asText("").startsWith(text));
    }

    /** Whether a 422's {@code errors} say that {@code field} is invalid. */
    private static boolean isInvalid(JsonNode answer, String field) {
        return StreamSupport.stream(answer.path("errors").spliterator(), false)
                .anyMatch(error -> field.equals(error.path("field").asText())
                        && "invalid".equals(error.path("code").asText()));
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return response.body().isBlank() ? json.missingNode() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new MergeException(Reason.GITHUB_FAILED, "GitHub answered " + response.statusCode() + " with a body"
                    + " that is not JSON: " + e.getOriginalMessage());
        }
    }

    private String write(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(apiBase + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
