package dev.baton.runner.moxxy;

import dev.baton.core.common.DomainException;
import dev.baton.core.moxxy.MoxxyTracking;
import dev.baton.core.moxxy.RecordMoxxyJobReachedCommand;
import dev.baton.core.moxxy.RecordMoxxyJobUnreachableCommand;
import dev.baton.runner.store.DurableCommits;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the moxxy jobs that have not ended (the runner half of job tracking; {@code MoxxyJobSaga} is the other).
 * moxxy's stream endpoint is only a snapshot, so each job is polled ({@link MoxxyJobReader}): its status, which is
 * what counts (a job may have a late second {@code done}), and its events list from the recorded cursor. What is new
 * is recorded on the job, which keeps each entry and change of state once: a read repeated after a restart changes
 * nothing. While
 * moxxy cannot be reached the job is retried with a backoff ({@link MoxxyTracking#backoff}); the first failure and the
 * first answer after it are recorded, and the saga marks a long outage.
 */
@Component
public class MoxxyJobTracker implements SmartLifecycle {

    static final String TRACKER = "baton-moxxy-tracker";
    private static final System.Logger LOG = System.getLogger(MoxxyJobTracker.class.getName());

    private final TrackedMoxxyJobs jobs;
    private final MoxxyAccess access;
    private final CommandGateway commands;
    private final MoxxyTracking tracking;
    private final DurableCommits durable;
    /** Per job: failures in a row and when to read it next. Lost on a restart, when every job is read at once. */
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Instant> nextRead = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    /** A client per connected instance in use (each user's own), made again only when a connection changes. */
    private final Map<MoxxyInstance, MoxxyClient> clients = new HashMap<>();

    public MoxxyJobTracker(TrackedMoxxyJobs jobs, MoxxyAccess access, CommandGateway commands,
                           MoxxyTracking tracking, DurableCommits durable) {
        this.jobs = jobs;
        this.access = access;
        this.commands = commands;
        this.tracking = tracking;
        this.durable = durable;
    }

    /** One round: reads each job that is due. Runs on the tracker's thread only. */
    void readDueJobs() {
        List<TrackedMoxxyJob> active;
        try {
            active = jobs.active();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the moxxy jobs to follow", e);
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<MoxxyInstance> used = new HashSet<>();
        Instant now = Instant.now();
        for (TrackedMoxxyJob job : active) {
            ids.add(job.jobId());
            if (running && !now.isBefore(nextRead.getOrDefault(job.jobId(), now))) {
                read(job, used);
            }
        }
        failures.keySet().retainAll(ids);
        nextRead.keySet().retainAll(ids);
        clients.keySet().retainAll(used);
    }

    private void read(TrackedMoxxyJob job, Set<MoxxyInstance> used) {
        try {
            MoxxyInstance instance = access.instanceOf(job.startedBy()).orElseThrow(() -> new MoxxyUnavailable(
                    "no moxxy instance is connected" + (job.startedBy() == null ? "" : " for " + job.startedBy())));
            used.add(instance);
            MoxxyClient client = clients.computeIfAbsent(instance, MoxxyInstance::client);
            MoxxyJobReader.read(client, job, this::send, durable);
            if (job.failing() || failures.getOrDefault(job.jobId(), 0) > 0) {
                send(new RecordMoxxyJobReachedCommand(job.jobId()));
            }
            failures.remove(job.jobId());
            nextRead.put(job.jobId(), Instant.now().plus(tracking.pollInterval()));
        } catch (MoxxyException | MoxxyUnavailable | DomainException e) {
            failed(job, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot follow moxxy job " + job.jobId(), e);
            failed(job, "Baton could not record what it read: " + e.getMessage());
        }
    }

    private void failed(TrackedMoxxyJob job, String reason) {
        int failed = failures.merge(job.jobId(), 1, Integer::sum);
        nextRead.put(job.jobId(), Instant.now().plus(tracking.backoff(failed)));
        if (failed == 1 && !job.failing()) {
            try {
                send(new RecordMoxxyJobUnreachableCommand(job.jobId(), reason));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot record that moxxy job " + job.jobId()
                        + " is unreachable", e);
            }
        }
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with("user", TRACKER)));
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-moxxy-tracker");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        long every = tracking.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::readDueJobs, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** No instance to read from: a failure like any other, retried with the backoff. */
    private static final class MoxxyUnavailable extends RuntimeException {
        MoxxyUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
