package dev.baton.runner.attempt;

import dev.baton.core.attempt.ApprovalMode;
import dev.baton.runner.merge.BranchMerger;
import dev.baton.runner.merge.PullRequestOpener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts this node's queued attempts while it has free slots ({@code baton.runner.slots}), each on its own thread,
 * oldest first and within each project's {@code max_parallel_attempts} ({@link RunQueue#claim}). On start it first
 * carries on with the attempts it was running before the server stopped. It looks for work when told (an attempt
 * was queued or ended) and every second (a slot of a project may have been freed on another node). Approved attempts
 * are delivered ({@link AttemptDelivery}) on the same threads. On shutdown the agents keep running: the next start
 * re-attaches to them.
 */
@Component
public class RunDispatcher implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(RunDispatcher.class.getName());

    private final RunnerParts parts;
    private final BranchMerger merger;
    private final PullRequestOpener pullRequests;
    private final Map<String, AttemptExecution> running = new ConcurrentHashMap<>();
    private final AtomicBoolean dispatchPending = new AtomicBoolean();
    private final AtomicInteger threads = new AtomicInteger();
    private ScheduledExecutorService scheduler;
    private ExecutorService executions;
    private volatile boolean started;

    RunDispatcher(RunnerParts parts, BranchMerger merger, PullRequestOpener pullRequests) {
        this.parts = parts;
        this.merger = merger;
        this.pullRequests = pullRequests;
    }

    /** Looks for queued attempts to start, soon (requests made meanwhile are served by one look). */
    public void wake() {
        ScheduledExecutorService current = scheduler;
        if (started && current != null && dispatchPending.compareAndSet(false, true)) {
            current.execute(this::dispatch);
        }
    }

    /** Stops the attempt's agent or gate if it runs here: the attempt was cancelled or failed. */
    public void stop(String attemptId, String reason) {
        AttemptExecution execution = running.get(attemptId);
        if (execution != null) {
            executions.execute(() -> {
                try {
                    execution.stop(reason);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /**
     * Suspends (or continues) the agent or gate of each attempt of the task that runs here. Called in the order of
     * the task's events, on the thread that handled them, so a pause and the resume after it cannot swap.
     */
    public void pauseTask(String taskId, boolean paused) {
        running.values().stream().filter(execution -> execution.taskId().equals(taskId))
                .forEach(execution -> execution.pause(paused));
    }

    /** Delivers an approved attempt (merge or pull request) on its own thread. */
    public void deliver(String attemptId, ApprovalMode mode) {
        parts.queue().delivering(attemptId, mode == ApprovalMode.MERGE ? RunPhase.MERGING : RunPhase.PULL_REQUEST);
        parts.queue().find(attemptId).ifPresent(run -> executions.execute(delivery(run, mode)));
    }

    private AttemptDelivery delivery(RunQueue.Run run, ApprovalMode mode) {
        return new AttemptDelivery(parts, merger, pullRequests, run, mode);
    }

    /** How many attempts run on this node now. */
    public int runningCount() {
        return running.size();
    }

    private void dispatch() {
        dispatchPending.set(false);
        try {
            int free = parts.settings().slots() - running.size();
            List<RunQueue.Run> claimed = parts.queue().claim(parts.settings().nodeId(), free,
                    parts.specs()::maxParallelAttempts);
            claimed.forEach(run -> execute(run, false));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot start queued attempts; trying again in a second", e);
        }
    }

    private void execute(RunQueue.Run run, boolean recovered) {
        AttemptExecution execution = new AttemptExecution(parts, run, recovered, () -> {
            running.remove(run.attemptId());
            wake();
        });
        running.put(run.attemptId(), execution);
        executions.execute(execution);
    }

    @Override
    public void start() {
        executions = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "baton-attempt-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-runner-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        started = true;
        for (RunQueue.Run run : parts.queue().unfinished(parts.settings().nodeId())) {
            LOG.log(System.Logger.Level.INFO, "carrying on with attempt " + run.attemptId() + " (" + run.phase() + ")");
            switch (run.phase()) {
                case MERGING -> executions.execute(delivery(run, ApprovalMode.MERGE));
                case PULL_REQUEST -> executions.execute(delivery(run, ApprovalMode.PR));
                default -> execute(run, true);
            }
        }
        scheduler.scheduleWithFixedDelay(this::wake, 1, 1, TimeUnit.SECONDS);
    }

    /** Leaves the agents running and every attempt's record as it is, for the next start to carry on. */
    @Override
    public void stop() {
        started = false;
        scheduler.shutdownNow();
        running.values().forEach(AttemptExecution::leave);
        executions.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
