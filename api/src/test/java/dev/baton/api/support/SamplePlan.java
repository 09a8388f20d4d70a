package dev.baton.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan as a new user would draw it: a vision, two modules (auth, shop) with four tasks each, dependencies inside
 * each module and across them. MVP: a1 and s1 (so the MVP graph is a1, a2 and s1, which depends on a2).
 */
public final class SamplePlan {

    /** Each task and the tasks it depends on, in an order where dependencies come first. */
    public static final Map<String, List<String>> DEPENDENCIES = Map.of(
            "a1", List.of(), "a2", List.of("a1"), "a3", List.of("a1"), "a4", List.of("a2", "a3"),
            "s1", List.of("a2"), "s2", List.of("s1"), "s3", List.of("s2"), "s4", List.of("s2", "a4"));
    public static final List<String> TASKS = List.of("a1", "a2", "a3", "a4", "s1", "s2", "s3", "s4");

    private SamplePlan() {
    }

    /** The request body that saves the plan, with {@code extraEdges} (from, to) as more depends_on edges. */
    public static String body(String... extraEdges) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(Json.map("key", "vision", "layer", "vision", "title", "A small shop", "notes", "Sell socks online"));
        nodes.add(Json.map("key", "auth", "layer", "module", "title", "Accounts", "parent", "vision",
                "acceptance_criteria", List.of("passwords are hashed")));
        nodes.add(Json.map("key", "shop", "layer", "module", "title", "Shop", "parent", "vision"));
        for (String task : TASKS) {
            nodes.add(Json.map("key", task, "layer", "task", "title", "Task " + task, "notes", "Build " + task,
                    "acceptance_criteria", List.of(task + " works"), "mvp", task.equals("a1") || task.equals("s1"),
                    "parent", task.startsWith("a") ? "auth" : "shop"));
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (String task : TASKS) {
            DEPENDENCIES.get(task).forEach(dependency ->
                    edges.add(Json.map("from", task, "to", dependency, "kind", "depends_on")));
        }
        for (int i = 0; i + 1 < extraEdges.length; i += 2) {
            edges.add(Json.map("from", extraEdges[i], "to", extraEdges[i + 1], "kind", "depends_on"));
        }
        return Json.write(Json.map("nodes", nodes, "edges", edges, "metadata", Map.of("zoom", 1.5)));
    }
}
