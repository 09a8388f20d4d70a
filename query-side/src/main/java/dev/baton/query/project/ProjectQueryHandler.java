package dev.baton.query.project;

import dev.baton.core.project.FindProjectQuery;
import dev.baton.core.project.FindProjectsQuery;
import dev.baton.query.support.Page;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class ProjectQueryHandler {

    private final ProjectReadModel projects;

    ProjectQueryHandler(ProjectReadModel projects) {
        this.projects = projects;
    }

    @QueryHandler
    ProjectPage handle(FindProjectsQuery query) {
        Page<ProjectReadModel.ProjectRow> rows = Page.of(projects.projects(query.afterPosition(), query.limit(),
                query.includeArchived(), query.viewerId(), query.viewerIsAdmin()), query.limit(), row -> String.valueOf(row.createdPosition()));
        return new ProjectPage(rows.items().stream()
                .map(row -> row.project().withCounts(projects.countsPerColumn(row.project().projectId()))).toList(),
                rows.next());
    }

    @QueryHandler
    Optional<ProjectView> handle(FindProjectQuery query) {
        return projects.project(query.projectId()).map(p -> p.withCounts(projects.countsPerColumn(p.projectId())));
    }
}
