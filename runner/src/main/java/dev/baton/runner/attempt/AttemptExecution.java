package dev.baton.runner.attempt;

import dev.baton.core.attempt.FailAttemptCommand;
import dev.baton.core.attempt.MarkAttemptRunningCommand;
import dev.baton.core.attempt.RecordGateResultCommand;
import dev.baton.core.attempt.StartAttemptGatesCommand;
import dev.baton.core.attempt.SubmitAttemptForReviewCommand;
import dev.baton.core.project.ProjectCommands;
import dev.baton.core.task.Steering;
import dev.baton.runner.agent.AgentCli;
import dev.baton.runner.agent.AgentEvent;
import dev.baton.runner.agent.Invocation;
import dev.baton.runner.agent.OutputParser;
import dev.baton.runner.agent.RunRequest;
import dev.baton.runner.agent.moxxy.MoxxyCli;
import dev.baton.runner.change.AttemptDiff;
import dev.baton.runner.change.DiffArtifacts;
import dev.baton.runner.log.LogEntry;
import dev.baton.runner.moxxy.MoxxyInstance;
import dev.baton.runner.process.AgentProcess;
import dev.baton.runner.process.RunFiles;
import dev.baton.runner.secret.ProviderKeyAccess;
import dev.baton.runner.secret.SecretMask;
import dev.baton.runner.workspace.Workspace;
import dev.baton.runner.workspace.WorkspaceBase;
import dev.baton.runner.workspace.WorkspaceRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one attempt on this node, from its claim to review: workspace, agent, gates, commit and diff (see
 * docs/architecture.md, "The flow of one attempt"). Each step is reported to the {@code Attempt} aggregate and its
 * phase recorded in {@link RunQueue}, so a server that restarts after a crash carries on from the phase it finds
 * ({@link #run()}): re-attaching to an agent or gate that is still running, or finishing one that ended meanwhile.
 * When the attempt is cancelled or fails on its runtime limit, {@link #stop} ends whatever process is running and
 * the execution ends quietly. While its task is paused, whatever process runs is suspended ({@link #pause}). When the
 * agent ends a turn well and the task has steerings it has not received, it gets them as one more turn in the same
 * workspace (and session) before the gates run.
 */
final class AttemptExecution implements Runnable {

    private static final System.Logger LOG = System.getLogger(AttemptExecution.class.getName());

    /** Thrown when the attempt ended while the runner was working on it: nothing more to do. */
    private static final class Ended extends RuntimeException {
        Ended() {
            super(null, null, false, false);
        }
    }

    private final RunnerParts parts;
    private final Runnable onEnd;
    private RunQueue.Run run;
    private final boolean recovered;
    private volatile String stopReason;
    private volatile boolean leaving;
    private volatile AgentProcess current;
    /** The provider keys of the user who started the attempt, given to its agent and hidden in all it prints. */
    private ProviderKeyAccess.Keys keys = ProviderKeyAccess.Keys.NONE;
    private SecretMask mask = SecretMask.NONE;

    AttemptExecution(RunnerParts parts, RunQueue.Run run, boolean recovered, Runnable onEnd) {
        this.parts = parts;
        this.run = run;
        this.recovered = recovered;
        this.onEnd = onEnd;
    }

    String attemptId() {
        return run.attemptId();
    }

    String taskId() {
        return run.taskId();
    }

    /** The task was paused or resumed: suspend or continue the process that runs now (agent or gate), if any. */
    synchronized void pause(boolean paused) {
        AgentProcess process = current;
        if (process != null) {
            if (paused) {
                process.pause();
            } else {
                process.resume();
            }
        }
    }

    /**
     * Follows {@code process} from now on, suspended at once if the task is paused (as recorded: a pause handled
     * before the process existed). One re-attached after a restart is continued otherwise, in case the server stopped
     * between a resume and its signal.
     */
    private synchronized void attach(AgentProcess process, boolean reattached) {
        current = process;
        if (parts.queue().isPaused(run.taskId())) {
            process.pause();
        } else if (reattached) {
            process.resume();
        }
    }

    /** The attempt ended (cancelled, or failed): stop its agent or gate, as a group, with the usual signals. */
    void stop(String reason) throws InterruptedException {
        stopReason = reason;
        AgentProcess process = current;
        if (process != null) {
            process.stop(parts.settings().stopGrace());
        }
    }

    /**
     * The server is shutting down: stop following the attempt but leave its agent running and its record as it is,
     * so that the next start carries on ({@link RunDispatcher#start()}).
     */
    void leave() {
        leaving = true;
    }

    @Override
    public void run() {
        try {
            keys = parts.keys().keysOf(run.startedBy());
            mask = SecretMask.of(keys.values());
            switch (run.phase()) {
                case STARTING -> {
                    if (recovered) {
                        resumeStart();
                    } else {
                        start();
                    }
                }
                case RUNNING -> {
                    AttemptSpec spec = specFor();
                    followAgent(reattach(agentFiles()), spec, runRequest(spec,
                            parts.workspaces().workspacePath(spec.attemptId())));
                }
                case GATES -> runGatesAndSubmit(specFor());
                default -> {
                    // QUEUED and DONE are not executed
                }
            }
        } catch (Ended ended) {
            log(LogEntry.log("info", "the runner stopped working on this attempt: " + stopReason));
        } catch (RuntimeException | IOException e) {
            if (!leaving) {
                fail(reasonOf(e), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!leaving) {
                fail("the runner was interrupted", e);
            }
        } finally {
            if (!leaving) {
                parts.queue().finished(run.attemptId());
            }
            parts.log().forget(run.attemptId());
            onEnd.run();
        }
    }

    private void start() throws IOException, InterruptedException {
        log(LogEntry.progress("workspace", 1, 3, "creating the workspace"));
        AttemptSpec spec = parts.specs().load(run.attemptId());
        WorkspaceBase base = spec.previousBranch() != null ? WorkspaceBase.previousAttempt(spec.previousBranch())
                : WorkspaceBase.branch(spec.targetBranch());
        Workspace workspace = parts.workspaces().create(new WorkspaceRequest(spec.repository(), spec.taskId(),
                spec.attemptId(), base, filesToCopy(spec)));
        parts.queue().workspaceCreated(run.attemptId(), workspace.baseCommit());
        checkNotStopped();
        log(LogEntry.progress("agent", 2, 3, "starting the agent"));
        for (String name : keys.unreadable()) {
            log(LogEntry.log("warn", "the provider key " + name + " of " + run.startedBy() + " can no longer be"
                    + " opened (its data key was destroyed or the master key changed): the agent runs without it;"
                    + " set it again under Settings → Account"));
        }
        RunRequest request = runRequest(spec, workspace.path());
        Invocation invocation = invocation(spec, request);
        log(LogEntry.command(String.join(" ", invocation.argv()), workspace.path().toString()));
        AgentProcess process = parts.supervisor().start(invocation, agentFiles());
        attach(process, false);
        agentRunning(process, spec, request, workspace.baseCommit());
    }

    /** Reports the agent running (from {@code baseCommit}) and follows it. */
    private void agentRunning(AgentProcess process, AttemptSpec spec, RunRequest request, String baseCommit)
            throws IOException, InterruptedException {
        if (!parts.commands().send(run, new MarkAttemptRunningCommand(run.attemptId(), spec.targetBranch(),
                baseCommit))) {
            process.stop(parts.settings().stopGrace());
            throw new Ended();
        }
        parts.queue().agentStarted(run.attemptId(), process.pid(), baseCommit, spec.steering().size());
        log(LogEntry.progress("agent", 3, 3, "the agent is running"));
        run = parts.queue().find(run.attemptId()).orElseThrow();
        followAgent(process, spec, request);
    }

    /** The untracked files asked for; a follow-up that names none copies those of the attempt it continues. */
    private List<String> filesToCopy(AttemptSpec spec) {
        if (!run.copyFiles().isEmpty() || spec.previousAttemptId() == null) {
            return run.copyFiles();
        }
        return parts.queue().find(spec.previousAttemptId()).map(RunQueue.Run::copyFiles).orElse(List.of());
    }

    /**
     * The server stopped between claiming the attempt and recording its agent running. An agent that was started goes
     * on (reported running again, which the attempt takes as a repeat), so no task's agent starts twice; without one,
     * whatever workspace the start had made is discarded and the start begins again.
     */
    private void resumeStart() throws IOException, InterruptedException {
        AttemptSpec spec = specFor();
        Optional<AgentProcess> started = parts.supervisor().reattach(agentFiles());
        if (started.isPresent() && run.baseCommit() != null) {
            log(LogEntry.log("info", "the server restarted while the agent was starting; carrying on with it"));
            attach(started.get(), true);
            agentRunning(started.get(), spec, runRequest(spec, parts.workspaces().workspacePath(spec.attemptId())),
                    run.baseCommit());
            return;
        }
        if (started.isPresent()) {
            started.get().stop(parts.settings().stopGrace());
        }
        parts.workspaces().discardUnstarted(spec.repository(), spec.attemptId(), spec.branch());
        log(LogEntry.log("info", "the server restarted while this attempt was starting; starting it again"));
        start();
    }

    /**
     * Follows the agent to the end of its run: turn after turn while steerings arrive that it has not received (the
     * first turn's process may be one re-attached after a restart), then on to the gates.
     */
    private void followAgent(AgentProcess first, AttemptSpec spec, RunRequest firstRequest)
            throws InterruptedException, IOException {
        AgentOutcome outcome = new AgentOutcome();
        AgentProcess process = first;
        RunRequest request = firstRequest;
        boolean reattached = recovered;
        int exitCode;
        while (true) {
            OutputParser parser = cliFor(spec).newParser(request);
            Optional<Integer> exit = followTurn(process, parser, outcome, reattached);
            if (exit.isEmpty()) {
                fail("the agent stopped without an exit status: it was killed from outside Baton (or the machine"
                        + " restarted) before it finished", null);
                return;
            }
            exitCode = exit.get();
            log(entries(null, parser.onExit(exitCode, false), outcome).toArray(LogEntry[]::new));
            if (outcome.failure().isPresent()) {
                outcome.save(parts.settings().attemptFolder(run.attemptId()));
                fail(outcome.failure().get(), null);
                return;
            }
            List<Steering> steering = parts.specs().steering(spec.taskId());
            if (steering.size() <= run.steeringsReceived()) {
                break;
            }
            request = steeringTurn(spec, steering);
            process = startTurn(spec, request, steering.size());
            reattached = false;
        }
        outcome.save(parts.settings().attemptFolder(run.attemptId()));
        parts.queue().gatesStarted(run.attemptId(), exitCode);
        run = parts.queue().find(run.attemptId()).orElseThrow();
        runGatesAndSubmit(spec);
    }

    /** Logs one turn's output until its process ends; answers its exit status (empty if it was killed). */
    private Optional<Integer> followTurn(AgentProcess process, OutputParser parser, AgentOutcome outcome,
                                         boolean reattached) {
        attach(process, reattached);
        OutputPump.Lines lines = new OutputPump.Lines() {
            @Override
            public List<LogEntry> stdout(String line) {
                return entries(LogEntry.log("info", line), parser.onLine(line), outcome);
            }

            @Override
            public List<LogEntry> stderr(String line) {
                return entries(LogEntry.log("stderr", line), parser.onStderr(line), outcome);
            }
        };
        RunFiles files = agentFiles();
        parts.pump(mask).follow(run.attemptId(), process, new OutputTail(files.stdout(), run.stdoutOffset()),
                new OutputTail(files.stderr(), run.stderrOffset()), lines, () -> leaving,
                (out, err) -> parts.queue().outputRead(run.attemptId(), out, err, parser.sessionId().orElse(null)));
        current = null;
        maskOutput(files);
        checkNotStopped();
        run = parts.queue().find(run.attemptId()).orElseThrow();
        return process.exitStatus();
    }

    /**
     * The next turn's request, for the steerings the agent has not received: the same session resumed with them, or
     * for a CLI without sessions its command again with them as the prompt. A CLI that said no session id gets the
     * whole task again, steerings included.
     */
    private RunRequest steeringTurn(AttemptSpec spec, List<Steering> steering) {
        Path worktree = parts.workspaces().workspacePath(spec.attemptId());
        Path home = parts.settings().agentHome(spec.taskId());
        List<Steering> unseen = steering.subList(run.steeringsReceived(), steering.size());
        log(LogEntry.log("info", "the agent gets " + unseen.size() + " new steering(s) as its next turn"));
        if (run.sessionId() != null) {
            return RunRequest.followUp(spec.profile(), Prompts.steering(unseen), worktree, home,
                    new RunRequest.Resume(run.sessionId(), null));
        }
        return cliFor(spec).hasSessions()
                ? RunRequest.firstRun(spec.profile(), Prompts.firstRun(spec.withSteering(steering)), worktree, home)
                : RunRequest.firstRun(spec.profile(), Prompts.steering(unseen), worktree, home);
    }

    /**
     * Starts the agent's next turn, which gets the task's first {@code steeringsReceived} steerings; its output is
     * appended to the same files and read on from the stored offsets.
     */
    private AgentProcess startTurn(AttemptSpec spec, RunRequest request, int steeringsReceived) throws IOException {
        parts.queue().steeringsDelivered(run.attemptId(), steeringsReceived);
        Invocation invocation = invocation(spec, request);
        log(LogEntry.command(String.join(" ", invocation.argv()), request.worktree().toString()));
        AgentProcess process = parts.supervisor().start(invocation, agentFiles());
        parts.queue().agentTurnStarted(run.attemptId(), process.pid());
        run = parts.queue().find(run.attemptId()).orElseThrow();
        return process;
    }

    private void runGatesAndSubmit(AttemptSpec spec) throws InterruptedException {
        if (!parts.commands().send(run, new StartAttemptGatesCommand(run.attemptId(), run.agentExitCode()))) {
            throw new Ended();
        }
        Path worktree = parts.workspaces().workspacePath(spec.attemptId());
        List<Map.Entry<String, String>> gates = gatesOf(spec.commands());
        List<GateOutcome> results = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            Map.Entry<String, String> gate = gates.get(i);
            Path folder = gateFolder(gate.getKey());
            // a gate recorded before a restart is not run again; its result was kept in its folder
            boolean resuming = recovered && i == run.gatesDone();
            GateOutcome result = i < run.gatesDone() ? GateOutcome.read(folder)
                    : runGate(gate.getKey(), gate.getValue(), worktree, folder, resuming);
            results.add(result);
            if (!parts.commands().send(run, new RecordGateResultCommand(run.attemptId(), result.gate(),
                    result.exitCode(), result.durationMs(), result.outputRef()))) {
                throw new Ended();
            }
            log(LogEntry.gateResult(result.gate(), result.exitCode(), result.outputRef()));
            parts.queue().gateDone(run.attemptId(), i + 1);
        }
        log(LogEntry.progress("review", 1, 2, "committing the changes"));
        parts.workspaces().requireIntact(spec.repository(), run.attemptId());
        String head = parts.changes().commitAll(new Workspace(worktree, spec.branch(), run.baseCommit()),
                spec.botIdentity(), commitMessage(spec), filesToCopy(spec)).head();
        AttemptDiff diff = parts.diffs().diff(worktree, run.baseCommit(), head);
        Path folder = parts.settings().attemptFolder(run.attemptId());
        DiffArtifacts.write(diff, folder);
        Set<String> leaked = maskFiles(folder.resolve(DiffArtifacts.PATCH_FILE), folder.resolve(DiffArtifacts.FILES_FILE));
        log(LogEntry.artifact("diff", AttemptArtifacts.idOf(run.attemptId(), "diff")));
        if (!leaked.isEmpty()) {
            fail("the agent's changes contain the value of the provider key " + String.join(", ", leaked) + " (hidden"
                    + " in the diff): the attempt cannot be reviewed or merged, so that the key does not reach the"
                    + " repository; start a new attempt that keeps keys out of the files", null);
            return;
        }
        AgentOutcome.Kept agent = AgentOutcome.read(folder);
        String summary = Summaries.of(agent.finalText(), diff, results);
        if (!parts.commands().send(run, new SubmitAttemptForReviewCommand(run.attemptId(), head, diff.stat(), summary,
                agent.usage()))) {
            throw new Ended();
        }
        log(LogEntry.progress("review", 2, 2, "ready for review"));
    }

    /**
     * Runs a gate as its own process group in the workspace (stdout and stderr together), its output followed into
     * the log; re-attaches to it when a restart interrupted it.
     */
    private GateOutcome runGate(String gate, String commandLine, Path worktree, Path folder, boolean resuming)
            throws InterruptedException {
        RunFiles files = new RunFiles(folder);
        Optional<AgentProcess> running = resuming ? recoveredGate(files) : Optional.empty();
        long started = System.currentTimeMillis();
        AgentProcess process;
        if (running.isPresent()) {
            process = running.get();
        } else {
            log(LogEntry.command(commandLine, worktree.toString()));
            try {
                process = parts.supervisor().start(new Invocation(List.of("bash", "-c", "exec 2>&1\n" + commandLine),
                        Map.of(), null, worktree, null), files);
            } catch (IOException e) {
                throw new RunnerException("cannot start the " + gate + " gate: " + e.getMessage(), e);
            }
        }
        attach(process, running.isPresent());
        OutputPump.Lines lines = new OutputPump.Lines() {
            @Override
            public List<LogEntry> stdout(String line) {
                return List.of(LogEntry.gateLine(gate, line));
            }

            @Override
            public List<LogEntry> stderr(String line) {
                return List.of(LogEntry.gateLine(gate, line));
            }
        };
        parts.pump(mask).follow(run.attemptId(), process,
                new OutputTail(files.stdout(), resuming ? run.stdoutOffset() : 0),
                new OutputTail(files.stderr(), resuming ? run.stderrOffset() : 0), lines, () -> leaving,
                (out, err) -> parts.queue().outputRead(run.attemptId(), out, err, null));
        current = null;
        maskOutput(files);
        checkNotStopped();
        // a gate killed from outside has no exit status: it failed, like a shell reports a signal (128 + 9)
        int exitCode = process.exitStatus().orElse(137);
        GateOutcome outcome = new GateOutcome(gate, exitCode, System.currentTimeMillis() - started,
                AttemptArtifacts.idOf(run.attemptId(), "gate-" + gate));
        outcome.save(folder);
        return outcome;
    }

    /** The gate's process when a restart interrupted it (it may have ended meanwhile). */
    private Optional<AgentProcess> recoveredGate(RunFiles files) {
        try {
            return parts.supervisor().reattach(files);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private AgentProcess reattach(RunFiles files) throws IOException {
        return parts.supervisor().reattach(files).orElseThrow(() -> new RunnerException(
                "the agent's process id was not recorded, so the agent cannot be found again", null));
    }

    private AttemptSpec specFor() {
        return parts.specs().load(run.attemptId());
    }

    private RunRequest runRequest(AttemptSpec spec, Path worktree) {
        Path home = parts.settings().agentHome(spec.taskId());
        Optional<RunQueue.Run> previous = Optional.ofNullable(spec.previousAttemptId())
                .flatMap(id -> parts.queue().find(id)).filter(run -> run.sessionId() != null);
        return previous.isPresent()
                ? RunRequest.followUp(spec.profile(), Prompts.resumed(spec, previous.get().steeringsReceived()), worktree,
                home, new RunRequest.Resume(previous.get().sessionId(), null))
                : RunRequest.firstRun(spec.profile(), Prompts.firstRun(spec), worktree, home);
    }

    /** How to start the agent; a moxxy agent is also told the connected instance (its token only in the environment). */
    private Invocation invocation(AttemptSpec spec, RunRequest request) {
        AgentCli cli = cliFor(spec);
        Invocation invocation = cli.invocation(request).withFallbackEnvironment(keys.values());
        if (!(cli instanceof MoxxyCli)) {
            return invocation;
        }
        MoxxyInstance instance = parts.moxxy().instanceOf(run.startedBy()).orElseThrow(() -> new RunnerException(
                "no moxxy instance is connected: PUT /api/v1/moxxy/connection first", null));
        return MoxxyCli.connect(invocation, instance);
    }

    private static AgentCli cliFor(AttemptSpec spec) {
        return AgentCli.forProfile(spec.profile()).orElseThrow(() -> new RunnerException("the agent profile's adapter "
                + spec.profile().adapter() + " cannot run on this runner", null));
    }

    /**
     * Hides the provider keys in a process's output files once it has ended (the log already has them hidden), so
     * that the artifacts made of them never show a key.
     */
    private void maskOutput(RunFiles files) {
        maskFiles(files.stdout(), files.stderr());
    }

    /** Hides the provider keys in {@code files}; answers the names of those found. */
    private Set<String> maskFiles(Path... files) {
        Set<String> found = new TreeSet<>();
        for (Path file : files) {
            try {
                found.addAll(mask.maskFile(file));
            } catch (IOException e) {
                throw new RunnerException("cannot hide the provider keys in " + file.getFileName() + ": "
                        + e.getMessage(), e);
            }
        }
        return found;
    }

    private RunFiles agentFiles() {
        return parts.settings().agentFiles(run.attemptId());
    }

    private Path gateFolder(String gate) {
        return parts.settings().attemptFolder(run.attemptId()).resolve("gate-" + gate);
    }

    private static List<Map.Entry<String, String>> gatesOf(ProjectCommands commands) {
        List<Map.Entry<String, String>> gates = new ArrayList<>();
        if (commands != null) {
            addGate(gates, "install", commands.install());
            addGate(gates, "test", commands.test());
            addGate(gates, "lint", commands.lint());
        }
        return gates;
    }

    private static void addGate(List<Map.Entry<String, String>> gates, String name, String commandLine) {
        if (commandLine != null && !commandLine.isBlank()) {
            gates.add(Map.entry(name, commandLine));
        }
    }

    private static String commitMessage(AttemptSpec spec) {
        return spec.taskTitle() + "\n\nMade by a Baton agent (" + spec.profile().name() + "), attempt "
                + spec.attemptId() + " of task " + spec.taskId() + ".";
    }

    /** The raw line's entry, then the parsed agent events' entries; the outcome notes what ends the run. */
    private static List<LogEntry> entries(LogEntry raw, List<AgentEvent> events, AgentOutcome outcome) {
        List<LogEntry> entries = new ArrayList<>(events.size() + 1);
        if (raw != null) {
            entries.add(raw);
        }
        for (AgentEvent event : events) {
            outcome.note(event);
            entries.add(LogEntry.agent(event));
        }
        return entries;
    }

    private void checkNotStopped() {
        if (stopReason != null) {
            throw new Ended();
        }
    }

    private void fail(String reason, Throwable cause) {
        if (cause != null) {
            LOG.log(System.Logger.Level.WARNING, "attempt " + run.attemptId() + " failed: " + reason, cause);
        }
        log(LogEntry.error(reason, null));
        try {
            parts.commands().send(run, new FailAttemptCommand(run.attemptId(), reason));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot report attempt " + run.attemptId() + " as failed", e);
        }
    }

    private static String reasonOf(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    }

    private void log(LogEntry... entries) {
        if (entries.length > 0) {
            parts.log().append(run.attemptId(), List.of(entries), () -> {
            });
        }
    }
}
