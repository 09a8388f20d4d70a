package dev.baton.runner.merge;

import dev.baton.runner.workspace.ProjectRepository;

import java.util.Objects;

/** Open a pull request of the attempt's {@code branch} into {@code base} (the project's target branch). */
public record NewPullRequest(ProjectRepository project, String branch, String base, String title, String body) {

    public NewPullRequest {
        Objects.requireNonNull(project, "project");
        BranchName.require("branch", branch);
        BranchName.require("base", base);
        if (title == null || title.isBlank()) {
            throw new MergeException(MergeException.Reason.INVALID_REQUEST, "a pull request needs a title");
        }
        body = body == null ? "" : body;
    }
}
