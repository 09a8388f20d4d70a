package dev.baton.core.plan;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The ids of a plan and of its graphs, derived from what they belong to so that asking again finds the same one. */
public final class PlanIds {

    private PlanIds() {
    }

    /** A project's plan: every version saved for the project is a version of this plan. */
    public static String ofProject(String projectId) {
        return uuid("baton-plan-of-project:" + projectId);
    }

    /** The graph a version of a plan compiles to in a mode. */
    public static String graph(String planId, int planVersion, String mode) {
        return uuid("baton-graph:" + planId + ":" + planVersion + ":" + mode);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
