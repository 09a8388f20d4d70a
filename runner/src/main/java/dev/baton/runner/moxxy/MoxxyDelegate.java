package dev.baton.runner.moxxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent process of an attempt whose profile uses the {@code moxxy} adapter: it hands the task to a named moxxy
 * agent as an orchestration job (worker mode {@code existing}, that agent as the worker) and follows the job to its
 * end, printing what happens as JSON lines ({@link DelegateOutput}) for the runner to log like any agent's output.
 * It polls the job's status, which is what counts, and its events by their id cursor; while moxxy is out of reach
 * it retries with a growing delay, and gives up after a while. Exit status 0 when the job {@code completed}, 1
 * otherwise. Stopped (SIGINT or SIGTERM), it cancels the job before it exits; moxxy's workers run on regardless.
 *
 * <p>Everything comes through the environment (the token never in argv, never printed): {@value #URL},
 * {@value #TOKEN_KIND} ({@code none}, {@code internal} or {@code bearer}), {@value #TOKEN}, {@value #AGENT};
 * the prompt on stdin, else in {@value #PROMPT}. {@value #POLL_MS} and {@value #GIVE_UP_SECONDS} tune the polling.
 */
public final class MoxxyDelegate {

    public static final String URL = "BATON_MOXXY_URL";
    public static final String TOKEN_KIND = "BATON_MOXXY_TOKEN_KIND";
    public static final String TOKEN = "BATON_MOXXY_TOKEN";
    public static final String AGENT = "BATON_MOXXY_AGENT";
    public static final String PROMPT = "BATON_PROMPT";
    public static final String POLL_MS = "BATON_MOXXY_POLL_MS";
    public static final String GIVE_UP_SECONDS = "BATON_MOXXY_GIVE_UP_SECONDS";

    static final int PAGE = 200;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** How long a stop waits for a start under way to answer, so that the job it made can be cancelled. */
    static final Duration START_WAIT = Duration.ofSeconds(3);

    private final DelegateSettings settings;
    private final MoxxyClient client;
    private final DelegateOutput out;
    private final CountDownLatch startAnswered = new CountDownLatch(1);
    private final AtomicBoolean settled = new AtomicBoolean();
    private final Set<String> workersReported = new HashSet<>();
    private volatile String jobId;
    private volatile boolean stopping;
    private long cursor;
    private boolean workersToRead;
    private long outageSince = -1;
    private int retries;

    MoxxyDelegate(DelegateSettings settings, DelegateOutput out) {
        this.settings = settings;
        this.client = settings.client();
        this.out = out;
    }

    /** The variables that tell the delegate which instance to call, and how. */
    public static Map<String, String> environment(MoxxyInstance instance) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(URL, instance.baseUrl().toString());
        environment.put(TOKEN_KIND, instance.credentials().kind().name().toLowerCase(Locale.ROOT));
        if (instance.credentials().token() != null) {
            environment.put(TOKEN, instance.credentials().token());
        }
        return environment;
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        DelegateSettings settings;
        try {
            settings = DelegateSettings.from(env);
        } catch (IllegalArgumentException e) {
            // no message here can hold the token: the settings name variables, never their values
            new DelegateOutput(stdout, MoxxyCredentials.none()).error("config", "the moxxy delegate cannot start: "
                    + e.getMessage());
            System.exit(1);
            return;
        }
        MoxxyDelegate delegate = new MoxxyDelegate(settings, new DelegateOutput(stdout, settings.credentials()));
        Runtime.getRuntime().addShutdownHook(new Thread(delegate::stop, "moxxy-delegate-stop"));
        System.exit(delegate.run(prompt(System.in, env), Path.of("").toAbsolutePath()));
    }

    /** Starts the job and follows it; answers the exit status. */
    int run(String prompt, Path workingDirectory) {
        if (prompt.isBlank()) {
            startAnswered.countDown();
            out.error("config", "no prompt: give it on stdin or in " + PROMPT);
            return 1;
        }
        JobRequest request = new JobRequest(jobPrompt(prompt, workingDirectory), null, WorkerMode.EXISTING,
                List.of(settings.agent()), null, null);
        try {
            StartedJob started = start(request);
            jobId = started.jobId();
            out.print(out.line("job").put("job_id", jobId).put("agent", settings.agent())
                    .put("worker_count", started.workerCount()));
        } catch (MoxxyException e) {
            if (e.jobId() == null) {
                out.error(DelegateOutput.reason(e), "moxxy did not start the job: " + e.getMessage());
                return 1;
            }
            // moxxy made the job but failed it at once: follow it for its events and its error
            jobId = e.jobId();
            out.print(out.line("job").put("job_id", jobId).put("agent", settings.agent()).put("worker_count", 0));
            out.message("warning", e.getMessage());
        } finally {
            startAnswered.countDown();
        }
        return follow();
    }

    /** What the moxxy agent is asked: the task, and where its files are. */
    static String jobPrompt(String prompt, Path workingDirectory) {
        return prompt.strip() + "\n\n---\nWork in the directory " + workingDirectory + " on this machine: it is the"
                + " git worktree Baton made for this task. Make your changes to the files there; Baton commits them"
                + " and sends them for review when you are done.";
    }

    /** Starts the job, again while moxxy refuses connections (the request was never sent, so no job is doubled). */
    private StartedJob start(JobRequest request) {
        long began = System.nanoTime();
        while (true) {
            try {
                return client.startJob(settings.agent(), request);
            } catch (MoxxyException e) {
                if (!neverSent(e) || stopping || System.nanoTime() - began > settings.giveUp().toNanos()) {
                    throw e;
                }
                if (retries == 0) {
                    out.message("warning", e.getMessage() + "; trying again for up to " + seconds(settings.giveUp()));
                }
                pause(backoff());
            }
        }
    }

    private int follow() {
        while (!stopping) {
            try {
                readEvents();
                readWorkers();
                MoxxyJob job = client.job(settings.agent(), jobId);
                reachable();
                if (job.status().isTerminal()) {
                    readEvents();
                    workersToRead = true;
                    readWorkers();
                    return finish(job);
                }
                pause(settings.poll());
            } catch (MoxxyException e) {
                if (stopping) {
                    break;
                }
                if (!isTransient(e)) {
                    out.error(DelegateOutput.reason(e), "cannot follow moxxy job " + jobId + ": " + e.getMessage());
                    return 1;
                }
                if (!unreachable(e)) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /** Notes an outage; answers false once it has lasted longer than the delegate waits. */
    private boolean unreachable(MoxxyException e) {
        long now = System.nanoTime();
        if (outageSince < 0) {
            outageSince = now;
            out.message("warning", e.getMessage() + "; trying again for up to " + seconds(settings.giveUp()));
        } else if (now - outageSince > settings.giveUp().toNanos()) {
            out.error(DelegateOutput.reason(e), "gave up on moxxy job " + jobId + ": moxxy has been out of reach for "
                    + seconds(Duration.ofNanos(now - outageSince)) + " (" + e.getMessage() + "); the job may still run"
                    + " in moxxy");
            return false;
        }
        pause(backoff());
        return true;
    }

    private void reachable() {
        if (outageSince >= 0) {
            out.message("notice", "moxxy answers again after " + seconds(Duration.ofNanos(System.nanoTime()
                    - outageSince)));
        }
        outageSince = -1;
        retries = 0;
    }

    private void readEvents() {
        List<JobEvent> page;
        do {
            page = client.events(settings.agent(), jobId, cursor, PAGE);
            for (JobEvent event : page) {
                ObjectNode line = out.line("event").put("id", event.id()).put("event_type", event.eventType());
                line.set("payload", event.payload());
                out.print(line);
                cursor = Math.max(cursor, event.id());
                if ("worker_completed".equals(event.eventType())) {
                    workersToRead = true;
                    readWorkers();
                }
            }
        } while (page.size() == PAGE && !stopping);
    }

    /**
     * Prints each worker that has ended, once, when an event said one ended (right after that event); a read that
     * failed is tried again at the next poll.
     */
    private void readWorkers() {
        if (!workersToRead) {
            return;
        }
        for (WorkerRun worker : client.workers(settings.agent(), jobId)) {
            if (!"running".equals(worker.status()) && workersReported.add(worker.workerRunId())) {
                out.print(out.line("worker").put("worker_run_id", worker.workerRunId())
                        .put("worker_agent", worker.workerAgent()).put("status", worker.status())
                        .put("output", worker.output()).put("error", worker.error()));
            }
        }
        workersToRead = false;
    }

    private int finish(MoxxyJob job) {
        if (!settled.compareAndSet(false, true)) {
            return 1;
        }
        out.result(jobId, job.status().wire(), job.summary(), job.error());
        return job.status() == JobState.COMPLETED ? 0 : 1;
    }

    /** The run is being stopped (the shutdown hook): cancel the job unless it has ended. */
    void stop() {
        stopping = true;
        try {
            startAnswered.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = jobId;
        if (id == null || !settled.compareAndSet(false, true)) {
            return;
        }
        MoxxyClient quick = settings.quickClient();
        try {
            CancelOutcome outcome = quick.cancel(settings.agent(), id);
            out.print(out.line("cancel").put("job_id", id).put("outcome", outcome.name().toLowerCase(Locale.ROOT)));
            MoxxyJob job = outcome == CancelOutcome.CANCELED ? null : quick.job(settings.agent(), id);
            out.result(id, job == null ? JobState.CANCELED.wire() : job.status().wire(),
                    job == null ? "stopped by Baton" : job.summary(), job == null ? null : job.error());
        } catch (MoxxyException e) {
            out.error(DelegateOutput.reason(e), "cannot cancel moxxy job " + id + ", it may still run in moxxy: "
                    + e.getMessage());
        }
    }

    private static boolean isTransient(MoxxyException e) {
        return e.kind() == MoxxyException.Kind.UNREACHABLE
                || e.kind() == MoxxyException.Kind.UPSTREAM && e.status() >= 500;
    }

    /** Whether the call failed before it reached moxxy (refused or timed-out connection). */
    private static boolean neverSent(MoxxyException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private Duration backoff() {
        long millis = settings.poll().toMillis() << Math.min(retries++, 10);
        return Duration.ofMillis(Math.min(millis, Math.max(MAX_BACKOFF.toMillis(), settings.poll().toMillis())));
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    static String prompt(InputStream stdin, Map<String, String> env) {
        try {
            String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                return text;
            }
        } catch (IOException e) {
            // fall back on the variable
        }
        return env.getOrDefault(PROMPT, "");
    }
}
