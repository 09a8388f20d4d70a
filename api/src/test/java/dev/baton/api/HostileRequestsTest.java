package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.GitRepos;
import dev.baton.api.support.Json;
import dev.baton.api.support.Routes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A few thousand malformed or hostile requests from a signed-in user against every route the server maps: bad and
 * deeply nested JSON, wrong types, a body over the size limit, {@code ../} and other odd path segments, bad query
 * parameters, another user's ids. Each gets a 4xx with the error envelope (never a 5xx), and none of it leaves an
 * event behind.
 */
class HostileRequestsTest extends AuthIntegrationTest {

    /** Routes that stream forever when they answer: only their refusals are probed (a hostile id). */
    private static final Set<String> STREAMS = Set.of("/stream", "/events");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping routes;

    @Test
    void everyRouteAnswersHostileInputWithA4xxEnvelopeAndChangesNothing() {
        String victimProject = api.post("/api/v1/projects", Json.obj("name", uniqueName("victim"), "local_path",
                GitRepos.create().toString())).expect(201).data().get("project_id").asText();
        String victimTask = api.post("/api/v1/projects/" + victimProject + "/tasks", Json.obj("title", "Victim"))
                .expect(201).data().get("task_id").asText();
        String mallory = uniqueName("mallory");
        createUser(mallory, "mallory-password-1");
        Attacker attacker = new Attacker(signIn(mallory, "mallory-password-1"));
        // her own project and task: hostile bodies and parameters reach the handlers there, not only the access check
        String ownProject = attacker.session.post("/api/v1/projects", Json.obj("name", uniqueName("own"), "local_path",
                GitRepos.create().toString())).expect(201).data().get("project_id").asText();
        String ownTask = attacker.session.post("/api/v1/projects/" + ownProject + "/tasks", Json.obj("title", "Own"))
                .expect(201).data().get("task_id").asText();
        Map<String, String> own = Map.of("projectId", ownProject, "taskId", ownTask);
        Set<String> before = caughtUp(mallory, attacker.session, ownProject);

        List<String> ids = List.of(victimProject, victimTask, UUID.randomUUID().toString(), "..", "..%2F..%2Fetc",
                "%2e%2e", "a%00b", "x".repeat(3000), "'%20or%201=1--", "%3Cscript%3E", "-1", "null", "%20", "~", "0", "%E2%80%AE", "%ff%fe");
        List<String> bodies = List.of("{", "[]", "null", "\"text\"", "42", "{\"name\":42,\"title\":[1]}",
                "{\"title\":{\"$gt\":\"\"}}", "[".repeat(5000) + "]".repeat(5000), "{\"a\":\"\\u0000\"}",
                "{\"title\":\"" + "x".repeat(1_100_000) + "\"}", "{\"unknown_field\":true}", "\u0000\u0001garbage",
                "{\"name\":\"x\",\"local_path\":\"../../../etc\"}", "{\"title\":\"ok\",\"priority\":\"high\"}",
                "{\"column\":\"../../etc\"}", "{\"value\":null,\"role\":7}");
        List<String> queries = List.of("?limit=-1", "?limit=abc", "?limit=100000", "?after=../../x",
                "?min_version=-5", "?min_version=x", "?as_of=not-a-time", "?after=99999999999999999999");
        Map<String, Integer> answered = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Routes.Route route : Routes.of(routes)) {
            if (!route.pattern().startsWith("/api/") || route.pattern().equals("/api/v1/auth/sessions")) {
                continue;
            }
            for (String[] request : hostileRequests(route, ids, bodies, queries, own)) {
                Api.Response answer = attacker.send(route.method(), request[0], request[1]);
                answered.merge(route.toString(), 1, Integer::sum);
                String problem = problem(answer);
                if (problem != null) {
                    failures.add(route.method() + " " + request[0].substring(0, Math.min(200, request[0].length()))
                            + (request[1] == null ? "" : " body " + request[1].substring(0,
                            Math.min(40, request[1].length()))) + ": " + problem);
                }
            }
        }
        assertThat(failures).as("answers that are not a 4xx envelope").isEmpty();
        assertThat(answered.values().stream().mapToInt(Integer::intValue).sum()).as("hostile requests sent")
                .isGreaterThan(2000);
        assertThat(caughtUp(mallory, attacker.session, ownProject)).as("events left by the attacker")
                .isEqualTo(before);
        assertThat(api.get("/api/v1/tasks/" + victimTask).expect(200).data().get("title").asText())
                .isEqualTo("Victim");
    }

    /**
     * The requests ({@code [path, body]}) that probe one route: each hostile id in its path variables; and on the
     * attacker's own project and task, each hostile body where a body is read (an endpoint that reads none is probed
     * by its ids only) or each bad query parameter on a read. Streams, which would stay open when they answer, get
     * the hostile ids only.
     */
    private static List<String[]> hostileRequests(Routes.Route route, List<String> ids, List<String> bodies,
                                                  List<String> queries, Map<String, String> own) {
        boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(route.method());
        List<String[]> requests = new ArrayList<>();
        if (route.pattern().contains("{")) {
            ids.forEach(id -> requests.add(new String[]{route.path(name -> id), hasBody ? "{}" : null}));
        }
        if (STREAMS.stream().noneMatch(route.pattern()::endsWith)) {
            String path = route.path(name -> own.getOrDefault(name, UUID.randomUUID().toString()));
            if (hasBody && route.readsBody()) {
                bodies.forEach(body -> requests.add(new String[]{path, body}));
            } else if (route.method().equals("GET")) {
                queries.forEach(query -> requests.add(new String[]{path + query, null}));
            }
        }
        return requests;
    }

    /** Marker tasks' creation events, by event id (see {@link #caughtUp}). */
    private final Set<String> markers = new java.util.HashSet<>();

    /**
     * The events {@code user} made, once the timeline shows everything they did so far: a marker task is made in
     * their project and waited for (the timeline is a read model, a moment behind).
     */
    private Set<String> caughtUp(String user, Api as, String projectId) {
        String marker = as.post("/api/v1/projects/" + projectId + "/tasks", Json.obj("title", "marker")).expect(201)
                .data().get("task_id").asText();
        // an aggregate's history is read from the event store itself: the marker's event is known at once
        String markerEvent = as.get("/api/v1/aggregates/Task/" + marker + "/history").expect(200).data().get("items")
                .get(0).get("event_id").asText();
        markers.add(markerEvent);
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsBy(user, as).contains("TaskCreatedEvent " + markerEvent));
        Set<String> events = eventsBy(user, as);
        events.removeIf(event -> markers.contains(event.substring(event.indexOf(' ') + 1)));
        return events;
    }

    /**
     * The events {@code user} made but sign-ins: of no project (what the admin sees) and of their projects (what
     * they see).
     */
    private Set<String> eventsBy(String user, Api as) {
        Set<String> events = new java.util.TreeSet<>();
        for (Api view : List.of(api, as)) {
            view.get("/api/v1/timeline?limit=500&user=" + user).expect(200).data().get("items").forEach(event -> {
                if (!event.get("type").asText().equals("UserSignedInEvent")) {
                    events.add(event.get("type").asText() + " " + event.get("event_id").asText());
                }
            });
        }
        return events;
    }

    /** Why an answer is not a refusal with the envelope; null when it is one (or a read that simply worked). */
    private static String problem(Api.Response answer) {
        if (answer.status() >= 500) {
            return answer.status() + " " + answer.text().substring(0, Math.min(300, answer.text().length()));
        }
        if (answer.status() < 400) {
            return null; // a read of what the attacker may see, or a write that refused nothing: checked by the event count
        }
        try {
            JsonNode json = Json.parse(answer.text());
            return json.path("ok").asBoolean(true) || json.path("error").path("code").asText().isEmpty()
                    ? "no error envelope: " + answer.text() : null;
        } catch (RuntimeException | AssertionError notJson) {
            return answer.status() + " is not JSON: " + answer.text().substring(0, Math.min(200, answer.text().length()));
        }
    }

    /** The attacker's session; when it is rate limited, a new session carries on (so that every request is judged). */
    private final class Attacker {
        private Api session;
        private final String username;

        Attacker(Api session) {
            this.session = session;
            this.username = session.get("/api/v1/auth/me").expect(200).data().get("username").asText();
        }

        Api.Response send(String method, String path, String body) {
            Api.Response answer = session.send(method, path, body);
            if (answer.status() == 429) {
                session = signIn(username, "mallory-password-1");
                answer = session.send(method, path, body);
            }
            return answer;
        }
    }
}
