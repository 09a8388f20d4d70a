package dev.baton.runner.merge;

import dev.baton.core.project.BotIdentity;
import dev.baton.runner.workspace.ProjectRepository;

import java.util.Objects;

/**
 * Merge the attempt's {@code branch} (such as {@code baton/t1/a1}) into the project's {@code target} branch, with
 * {@code committer} as author and committer of a merge commit, and {@code message} as its message.
 */
public record MergeRequest(ProjectRepository project, String branch, String target, BotIdentity committer,
                           String message) {

    public MergeRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(committer, "committer");
        Objects.requireNonNull(message, "message");
        BranchName.require("branch", branch);
        BranchName.require("target", target);
    }
}
