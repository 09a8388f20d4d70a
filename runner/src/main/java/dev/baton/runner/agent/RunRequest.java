package dev.baton.runner.agent;

import dev.baton.core.agent.AgentProfileSettings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of an agent CLI: which profile, what prompt, in which worktree, and with which private config folder
 * (the CLI's sessions live there, so it must be the same folder for a follow-up). {@code resume} is null for a
 * first run.
 */
public record RunRequest(AgentProfileSettings profile, String prompt, Path worktree, Path configHome,
                         Resume resume) {

    public RunRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(worktree, "worktree");
        Objects.requireNonNull(configHome, "configHome");
    }

    /**
     * Continue an earlier session. {@code usageSoFar} is what the session's earlier runs reported in total (null
     * when unknown): Codex reports running totals per session, and this is what its first delta is taken from.
     */
    public record Resume(String sessionId, AgentEvent.Usage usageSoFar) {
        public Resume {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    public static RunRequest firstRun(AgentProfileSettings profile, String prompt, Path worktree, Path configHome) {
        return new RunRequest(profile, prompt, worktree, configHome, null);
    }

    public static RunRequest followUp(AgentProfileSettings profile, String prompt, Path worktree, Path configHome,
                                      Resume resume) {
        return new RunRequest(profile, prompt, worktree, configHome, Objects.requireNonNull(resume, "resume"));
    }

    public Optional<String> resumedSessionId() {
        return Optional.ofNullable(resume).map(Resume::sessionId);
    }
}
