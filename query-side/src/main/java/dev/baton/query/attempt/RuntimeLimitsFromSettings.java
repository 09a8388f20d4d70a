package dev.baton.query.attempt;

import dev.baton.core.attempt.AttemptRuntimeLimits;
import dev.baton.query.agent.AgentProfileReadModel;
import dev.baton.query.project.ProjectReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The runtime limit of an attempt from the agent profile's and the project's settings as the read models hold them
 * (a setting changed a moment ago may not be seen yet), and {@code baton.attempts.max-runtime} (default 2 hours),
 * which also caps both.
 */
@Component
class RuntimeLimitsFromSettings implements AttemptRuntimeLimits {

    private final AgentProfileReadModel profiles;
    private final ProjectReadModel projects;
    private final Duration serverLimit;

    RuntimeLimitsFromSettings(AgentProfileReadModel profiles, ProjectReadModel projects,
                              @Value("${baton.attempts.max-runtime:PT2H}") Duration serverLimit) {
        this.profiles = profiles;
        this.projects = projects;
        this.serverLimit = serverLimit;
    }

    @Override
    public Duration limitFor(String projectId, String agentProfileId) {
        Long profileSeconds = profiles.profile(agentProfileId)
                .map(profile -> profile.limits() == null ? null : profile.limits().maxRuntimeSeconds()).orElse(null);
        Long projectSeconds = projects.project(projectId)
                .map(project -> project.budgets() == null ? null : project.budgets().maxRuntimeSeconds()).orElse(null);
        return Stream.of(profileSeconds, projectSeconds).filter(Objects::nonNull).map(Duration::ofSeconds)
                .reduce(serverLimit, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
}
