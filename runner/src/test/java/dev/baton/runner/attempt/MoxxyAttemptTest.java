package dev.baton.runner.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.agent.AgentLimits;
import dev.baton.core.agent.AgentProfileSettings;
import dev.baton.core.attempt.FailAttemptCommand;
import dev.baton.core.attempt.MarkAttemptRunningCommand;
import dev.baton.core.attempt.RecordGateResultCommand;
import dev.baton.core.attempt.StartAttemptGatesCommand;
import dev.baton.core.attempt.SubmitAttemptForReviewCommand;
import dev.baton.core.project.BotIdentity;
import dev.baton.core.project.ProjectCommands;
import dev.baton.core.task.Steering;
import dev.baton.runner.change.ChangeRecorder;
import dev.baton.runner.change.DiffLimits;
import dev.baton.runner.change.DiffReader;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.log.LogMessage;
import dev.baton.runner.moxxy.FakeMoxxy;
import dev.baton.runner.moxxy.MoxxyAccess;
import dev.baton.runner.moxxy.MoxxyCredentials;
import dev.baton.runner.moxxy.MoxxyInstance;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.ProjectRepository;
import dev.baton.runner.workspace.TestRepos;
import dev.baton.runner.workspace.WorkspaceManager;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code moxxy} attempt run by {@link AttemptExecution} for real, without the server around it: a git repository,
 * the workspace, the delegate as the agent process against a {@link FakeMoxxy}, the project's gate, the commit and
 * the diff, and the attempt log in H2. The attempt's commands go to an Axon command bus that records them.
 */
class MoxxyAttemptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String token = "moxxy-token-" + UUID.randomUUID();
    private final FakeMoxxy moxxy = FakeMoxxy.withToken(token);
    private final List<Object> commands = new CopyOnWriteArrayList<>();
    private final String attemptId = UUID.randomUUID().toString();
    private final String taskId = UUID.randomUUID().toString();
    private final String projectId = UUID.randomUUID().toString();
    private JdbcTemplate jdbc;
    private RunnerSettings settings;
    private AttemptLog log;
    private RunQueue queue;
    private WorkspaceManager workspaces;
    private Path repo;

    @BeforeEach
    void parts() throws Exception {
        moxxy.addAgent("builder");
        repo = TestRepos.checkout(Files.createDirectory(dir.resolve("repo")), Map.of("README.md", "hello\n"));
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + attemptId + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table attempt_log (attempt_id varchar(36) not null, seq bigint not null, ts_ms bigint"
                + " not null, kind varchar(20) not null, payload clob not null, primary key (attempt_id, seq))");
        jdbc.execute("create table runner_attempt (attempt_id varchar(36) primary key, project_id varchar(36) not null,"
                + " task_id varchar(36) not null, node_id varchar(200) not null, queue_position bigint not null,"
                + " phase varchar(20) not null, started_by varchar(200), correlation_id varchar(200),"
                + " cause_id varchar(200), pid bigint, stdout_offset bigint default 0 not null,"
                + " stderr_offset bigint default 0 not null, session_id varchar(500), gates_done integer default 0"
                + " not null, agent_exit_code integer, base_commit varchar(64), copy_files clob, updated_ms bigint"
                + " not null, steerings_received integer default 0 not null)");
        jdbc.execute("create table runner_project (project_id varchar(36) primary key)");
        jdbc.execute("create table runner_paused_task (task_id varchar(36) primary key)");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        log = new AttemptLog(jdbc, transactions);
        queue = new RunQueue(jdbc, transactions);
        Path data = dir.resolve("data");
        settings = new RunnerSettings(data, 2, Duration.ofSeconds(5), "node-1", true);
        workspaces = new WorkspaceManager(data);
    }

    @AfterEach
    void stop() throws Exception {
        Optional<dev.baton.runner.process.AgentProcess> agent = new ProcessSupervisor().reattach(
                settings.agentFiles(attemptId));
        if (agent.isPresent()) {
            agent.get().stop(Duration.ofMillis(200));
        }
        moxxy.close();
        jdbc.execute("shutdown");
    }

    @Test
    void aMoxxyAttemptDelegatesTheTaskAndReachesReviewWithTheJobInItsLog() throws Exception {
        CountDownLatch ended = start(() -> Optional.of(new MoxxyInstance(moxxy.baseUrl(),
                MoxxyCredentials.internal(token))));

        String jobId = await().atMost(WAIT).until(this::jobId, Optional::isPresent).orElseThrow();
        assertThat(moxxy.job(jobId).path("agent_name").asText()).isEqualTo("builder");
        Path worktree = workspaces.workspacePath(attemptId);
        assertThat(moxxy.job(jobId).path("prompt").asText()).contains("# Task: Say hello", worktree.toString());
        // the moxxy agent works in the worktree it was told about
        String worker = moxxy.startWorker(jobId, "builder", "native");
        Files.writeString(worktree.resolve("hello.txt"), "hello from moxxy\n");
        moxxy.finishWorker(worker, "succeeded", "Wrote hello.txt");
        moxxy.finish(jobId, "completed");

        assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(commands).extracting(Object::getClass).containsExactly(MarkAttemptRunningCommand.class,
                StartAttemptGatesCommand.class, RecordGateResultCommand.class, SubmitAttemptForReviewCommand.class);
        RecordGateResultCommand gate = (RecordGateResultCommand) commands.get(2);
        assertThat(gate.exitCode()).isZero();
        SubmitAttemptForReviewCommand review = (SubmitAttemptForReviewCommand) commands.get(3);
        assertThat(review.summary()).contains("Wrote hello.txt");
        assertThat(TestRepos.git(repo, "show", "--name-only", "--format=", review.headCommit())).isEqualTo("hello.txt");

        List<LogMessage> messages = log.after(attemptId, 0, 1000);
        List<JsonNode> agentEvents = messages.stream().filter(m -> m.event().kind().equals("AGENT"))
                .map(m -> m.event().payload()).toList();
        assertThat(agentEvents).anyMatch(e -> e.toString().contains("moxxy job " + jobId + " started on agent builder"));
        assertThat(agentEvents).anyMatch(e -> e.toString().contains("\"name\":\"moxxy_worker\"")
                && e.toString().contains("\"status\":\"completed\""));
        assertThat(agentEvents).anyMatch(e -> e.toString().contains("\"kind\":\"done\"")
                && e.toString().contains("\"status\":\"success\""));
        String stored = String.join("\n", jdbc.queryForList("select payload from attempt_log where attempt_id = ?"
                + " order by seq", String.class, attemptId));
        assertThat(stored).as("the raw result line is logged too").contains("Orchestration completed")
                .doesNotContain(token);
    }

    @Test
    void withoutAConnectedMoxxyTheAttemptFailsWithAClearReason() throws Exception {
        CountDownLatch ended = start(Optional::empty);

        assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(commands).hasSize(1).first().isEqualTo(new FailAttemptCommand(attemptId,
                "no moxxy instance is connected: PUT /api/v1/moxxy/connection first"));
        assertThat(moxxy.received()).isEmpty();
    }

    /** Queues and claims the attempt, then runs it on its own thread; the latch opens when it has ended. */
    private CountDownLatch start(MoxxyAccess access) {
        AgentProfileSettings profile = AgentProfileSettings.checked("moxxy builder", "moxxy", "builder", List.of(),
                Map.of(), "builder", AgentLimits.NONE);
        AttemptSpec spec = new AttemptSpec(attemptId, taskId, projectId, new ProjectRepository(projectId, repo, null),
                "main", new ProjectCommands(null, "test -f hello.txt", null), new BotIdentity("Baton Bot",
                "bot@baton.test"), profile, "Say hello", "Write hello.txt", List.of(), null, null, null, List.of());
        AttemptSpecs specs = new AttemptSpecs() {
            @Override
            public AttemptSpec load(String id) {
                return spec;
            }

            @Override
            public List<Steering> steering(String task) {
                return List.of();
            }

            @Override
            public Optional<Integer> maxParallelAttempts(String project) {
                return Optional.empty();
            }
        };
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        for (Class<?> type : List.of(MarkAttemptRunningCommand.class, StartAttemptGatesCommand.class,
                RecordGateResultCommand.class, SubmitAttemptForReviewCommand.class, FailAttemptCommand.class)) {
            bus.subscribe(type.getName(), command -> {
                commands.add(command.getPayload());
                return null;
            });
        }
        GitCli git = new GitCli("git", Duration.ofMinutes(1));
        RunnerParts parts = new RunnerParts(settings, specs, queue,
                new AttemptCommands(DefaultCommandGateway.builder().commandBus(bus).build()), log, workspaces,
                new ProcessSupervisor(), new ChangeRecorder(git), new DiffReader(git, DiffLimits.DEFAULT), access);
        queue.enqueue(new RunQueue.Queued(attemptId, projectId, taskId, 1, "tester", null, null, List.of()),
                settings.nodeId());
        RunQueue.Run run = queue.claim(settings.nodeId(), 1, project -> Optional.empty()).get(0);
        CountDownLatch ended = new CountDownLatch(1);
        Thread thread = new Thread(new AttemptExecution(parts, run, false, ended::countDown), "attempt");
        thread.setDaemon(true);
        thread.start();
        return ended;
    }

    /** The moxxy job id, once the delegate has printed it. */
    private Optional<String> jobId() throws Exception {
        Path stdout = settings.agentFiles(attemptId).stdout();
        if (!Files.exists(stdout)) {
            return Optional.empty();
        }
        return Files.readAllLines(stdout).stream().filter(line -> line.startsWith("{\"type\":\"job\""))
                .map(line -> {
                    try {
                        return JSON.readTree(line).path("job_id").asText();
                    } catch (Exception e) {
                        return null;
                    }
                }).filter(id -> id != null && !id.isEmpty()).findFirst();
    }
}
