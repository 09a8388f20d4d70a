package dev.baton.api.project;

import dev.baton.core.project.BotIdentity;
import dev.baton.core.project.Budgets;
import dev.baton.core.project.Column;
import dev.baton.core.project.ProjectCommands;

import java.util.List;

/** Request bodies of the project endpoints (snake_case JSON; unknown fields are refused). */
final class ProjectRequests {

    private ProjectRequests() {
    }

    /** POST /projects and PATCH /projects/{id} (where an absent or null field stays as it is). */
    /** A project's fields; {@code teamId} only when it is created (the team that will own it). */
    record ProjectBody(String name, String vision, String repoUrl, String localPath, String defaultBranch,
                       ProjectCommands commands, List<Column> columns, Budgets budgets, BotIdentity botIdentity,
                       String teamId) {
    }

    record Created(String projectId, long version) {
    }

    record Validated(String projectId, boolean ok, List<dev.baton.core.project.ValidationCheck> checks, long version) {
    }
}
