package dev.baton.api.agentrun;

import jakarta.servlet.http.HttpServletRequest;
import dev.baton.query.access.Caller;
import dev.baton.api.auth.ProjectAccess;
import dev.baton.api.auth.CurrentCaller;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.agent.AgentAdapter;
import dev.baton.core.attempt.FindAttemptQuery;
import dev.baton.core.attempt.StartAttemptCommand;
import dev.baton.core.common.DomainException;
import dev.baton.query.agent.AgentProfileReadModel;
import dev.baton.query.agent.AgentProfileReadModel.ProfileRow;
import dev.baton.query.agent.AgentProfileView;
import dev.baton.query.attempt.AttemptView;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.attempt.RunnerSettings;
import dev.baton.runner.process.AgentProcess;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.process.RunFiles;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Agent runs, the seed's name for an attempt's agent: starting one is starting an attempt ({@code agent_run_id} is
 * the attempt's id), and reading one tells what the agent ran, how it ended, what it used and how long it took.
 */
@RestController
@RequestMapping("/api/v1")
class AgentRunController {

    /** {@code agent} is an adapter name, {@code model} a profile's model: they pick a profile when no id is given. */
    record StartBody(String agent, String model, String agentProfileId) {
    }

    /** {@code status}: queued, running, succeeded (the agent is done; gates and review follow), failed, cancelled. */
    record AgentRunView(String agentRunId, String taskId, String attemptId, String agent, String model,
                        List<String> command, String status, Integer exitCode, long inputTokens, long outputTokens,
                        double costUsd, Instant startedAt, Instant finishedAt, Long durationMs) {
    }

    private static final int PAGE = 500;
    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final AgentProfileReadModel profiles;
    private final RunnerSettings settings;
    private final ProcessSupervisor supervisor;
    private final ProjectAccess access;
    private final HttpServletRequest request;

    AgentRunController(CommandSender commands, QueryGateway queries, ReadYourWrites readYourWrites,
                       AgentProfileReadModel profiles, RunnerSettings settings, ProcessSupervisor supervisor,
                       ProjectAccess access, HttpServletRequest request) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.profiles = profiles;
        this.settings = settings;
        this.supervisor = supervisor;
        this.access = access;
        this.request = request;
    }

    @PostMapping("/tasks/{taskId}/agent-runs")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope start(@PathVariable String taskId, @RequestBody(required = false) StartBody body) {
        StartBody start = body == null ? new StartBody(null, null, null) : body;
        String profile = profileFor(start);
        access.useProfileFor(request, profile, taskId);
        String id = UUID.randomUUID().toString();
        long version = commands.create(new StartAttemptCommand(id, taskId, profile, null, null, null));
        return Envelope.ok(Map.of("agent_run_id", id, "version", version));
    }

    /** {@code min_version} is the attempt's version (a start answers 0). */
    @GetMapping("/agent-runs/{agentRunId}")
    Envelope get(@PathVariable String agentRunId,
                 @RequestParam(name = "min_version", required = false) Long minVersion) {
        AttemptView attempt = readYourWrites.read(minVersion, () -> queries.query(new FindAttemptQuery(agentRunId),
                        ResponseTypes.optionalInstanceOf(AttemptView.class)).join(), AttemptView::version)
                .orElseThrow(() -> ApiException.notFound("agent run", agentRunId));
        Optional<AgentProfileView> profile = profiles.profile(attempt.agentProfileId());
        String status = statusOf(attempt.status());
        RunFiles files = settings.agentFiles(agentRunId);
        Optional<Integer> exitCode = exitCode(files);
        Instant finished = status.equals("succeeded") ? exitTime(files) : attempt.finishedAt();
        Long duration = attempt.startedAt() == null || finished == null ? null
                : finished.toEpochMilli() - attempt.startedAt().toEpochMilli();
        return Envelope.ok(new AgentRunView(agentRunId, attempt.taskId(), agentRunId,
                profile.map(AgentProfileView::adapter).orElse(null), profile.map(AgentProfileView::model).orElse(null),
                profile.map(AgentRunController::command).orElse(null), status, exitCode.orElse(null),
                attempt.usage().inputTokens(), attempt.usage().outputTokens(), attempt.usage().costUsd(),
                attempt.startedAt(), finished, duration));
    }

    /**
     * The profile named by id; else the first (oldest) of those the caller may see whose adapter and model match those
     * given; else the task's.
     */
    private String profileFor(StartBody start) {
        if (start.agentProfileId() != null || (start.agent() == null && start.model() == null)) {
            return start.agentProfileId();
        }
        long after = 0;
        while (true) {
            Caller viewer = CurrentCaller.of(request).orElse(null);
            List<ProfileRow> page = profiles.profiles(after, PAGE, viewer == null ? null : viewer.userId(),
                    viewer != null && viewer.admin());
            for (ProfileRow row : page.subList(0, Math.min(PAGE, page.size()))) {
                AgentProfileView profile = row.profile();
                if ((start.agent() == null || start.agent().equals(profile.adapter()))
                        && (start.model() == null || start.model().equals(profile.model()))) {
                    return profile.agentProfileId();
                }
            }
            if (page.size() <= PAGE) {
                String wanted = Stream.of(start.agent() == null ? null : "adapter " + start.agent(),
                        start.model() == null ? null : "model " + start.model()).filter(Objects::nonNull)
                        .collect(Collectors.joining(" and "));
                throw DomainException.invalidField(start.agent() != null ? "agent" : "model", "no agent profile has "
                        + wanted + ": create one (POST /agents) or give agent_profile_id");
            }
            after = page.get(PAGE - 1).createdPosition();
        }
    }

    /** The profile's own command, else the program its adapter runs. */
    private static List<String> command(AgentProfileView profile) {
        if (profile.command() != null && !profile.command().isEmpty()) {
            return profile.command();
        }
        return AgentAdapter.fromId(profile.adapter()).flatMap(AgentCli::forAdapter).map(AgentCli::executable)
                .filter(Objects::nonNull).map(List::of).orElse(null);
    }

    private static String statusOf(String attemptStatus) {
        return switch (attemptStatus) {
            case "queued", "running", "failed", "cancelled" -> attemptStatus;
            default -> "succeeded";
        };
    }

    /** The exit status of the agent's (last) turn, once it has exited. */
    private Optional<Integer> exitCode(RunFiles files) {
        try {
            return supervisor.reattach(files).flatMap(AgentProcess::exitStatus);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant exitTime(RunFiles files) {
        try {
            return Files.exists(files.exitStatus()) ? Files.getLastModifiedTime(files.exitStatus()).toInstant() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
