package dev.baton.api.attempt;

import dev.baton.query.project.ProjectView;
import dev.baton.runner.workspace.ProjectRepository;

import java.nio.file.Path;

/** Where a project's code is, as the runner's workspaces need it: the local checkout, or the remote URL. */
public final class ProjectRepositories {

    private ProjectRepositories() {
    }

    public static ProjectRepository of(ProjectView project) {
        return project.localPath() != null ? ProjectRepository.local(project.projectId(), Path.of(project.localPath()))
                : ProjectRepository.remote(project.projectId(), project.repoUrl());
    }
}
