package dev.baton.runner.change;

import java.util.List;

/**
 * The attempt's branch after {@link ChangeRecorder#commitAll}: its {@code head} commit (the base commit itself when
 * nothing changed), whether Baton made a commit just now, and the folders holding a git repository of their own that
 * were left out of the commit (relative to the workspace, such as {@code tools/generated}).
 */
public record RecordedChange(String head, boolean committed, List<String> skippedRepositories) {

    public RecordedChange {
        skippedRepositories = List.copyOf(skippedRepositories);
    }
}
