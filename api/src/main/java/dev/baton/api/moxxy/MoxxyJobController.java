package dev.baton.api.moxxy;

import dev.baton.query.support.ReadModelUpdates;
import dev.baton.command.directory.BoardDirectory;
import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.moxxy.MoxxyJobStates;
import dev.baton.core.moxxy.StartMoxxyJobCommand;
import dev.baton.core.task.ChecklistItem;
import dev.baton.query.board.MoxxyLink;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.board.TaskState;
import dev.baton.query.moxxy.MoxxyJobReadModel;
import dev.baton.query.project.ProjectReadModel;
import dev.baton.query.moxxy.MoxxyJobView;
import dev.baton.runner.moxxy.JobEvent;
import dev.baton.runner.moxxy.CancelOutcome;
import dev.baton.runner.moxxy.JobRequest;
import dev.baton.runner.moxxy.MoxxyJob;
import dev.baton.runner.moxxy.MoxxyJobReader;
import dev.baton.runner.moxxy.StartedJob;
import dev.baton.runner.moxxy.TrackedMoxxyJob;
import dev.baton.runner.moxxy.WorkerMode;
import dev.baton.runner.store.DurableCommits;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Jobs on the connected moxxy instance, started from tasks of a board: the prompt is made of the tasks' titles,
 * descriptions and acceptance criteria; the job is started on moxxy, then recorded with its tasks linked.
 */
@RestController
@RequestMapping("/api/v1")
class MoxxyJobController {

    record JobBody(List<String> taskIds, String orchestrator, String templateId, WorkerMode workerMode,
                   List<String> existingAgents, Integer ephemeralCount, Integer maxParallelism) {
    }

    /** moxxy's own first agent: the orchestrator when the request names none. */
    static final String DEFAULT_ORCHESTRATOR = "default";
    /** How long a start waits for a task just created to reach the read model its prompt is made from. */
    private static final long TASK_WAIT_MS = 5_000;
    private final ConnectedMoxxy moxxy;
    private final CommandSender commands;
    private final TaskReadModel tasks;
    private final MoxxyJobReadModel jobs;
    private final ReadYourWrites readYourWrites;
    private final DurableCommits durableCommits;
    private final ProjectReadModel projects;
    private final BoardDirectory directory;
    private final ReadModelUpdates updates;

    MoxxyJobController(ConnectedMoxxy moxxy, CommandSender commands, TaskReadModel tasks, MoxxyJobReadModel jobs,
                       ReadYourWrites readYourWrites, DurableCommits durableCommits, ProjectReadModel projects,
                       BoardDirectory directory, ReadModelUpdates updates) {
        this.directory = directory;
        this.updates = updates;
        this.moxxy = moxxy;
        this.commands = commands;
        this.tasks = tasks;
        this.jobs = jobs;
        this.readYourWrites = readYourWrites;
        this.durableCommits = durableCommits;
        this.projects = projects;
    }

    @PostMapping("/projects/{projectId}/moxxy-jobs")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope start(@PathVariable String projectId, @RequestBody JobBody body) throws InterruptedException {
        List<String> ids = Checks.distinctStrings("task_ids", body.taskIds(), 36);
        if (ids.isEmpty()) {
            throw DomainException.invalidField("task_ids", "task_ids names the board's tasks the job is for");
        }
        List<TaskState> selected = new ArrayList<>();
        for (String id : ids) {
            // the board's directory knows a task the moment it is created; the read model follows a moment later
            if (!directory.task(id).map(t -> t.projectId().equals(projectId)).orElse(false)) {
                throw DomainException.invalidField("task_ids", "task " + id + " is not on this board");
            }
            TaskState task = updates.awaitUntil(() -> tasks.task(id), Optional::isPresent, TASK_WAIT_MS)
                    .orElseThrow(() -> DomainException.invalidState("task " + id + " is not readable yet: try again"));
            requireFree(task);
            selected.add(task);
        }
        String orchestrator = body.orchestrator() != null ? body.orchestrator() : DEFAULT_ORCHESTRATOR;
        JobRequest request = new JobRequest(prompt(selected), body.templateId(), body.workerMode(),
                body.existingAgents(), body.ephemeralCount(), body.maxParallelism());
        String jobId = UUID.randomUUID().toString();
        StartedJob started;
        try {
            started = moxxy.call(client -> client.startJob(orchestrator, request));
        } catch (DomainException refused) {
            Object created = refused.details().get(ConnectedMoxxy.MOXXY_JOB_ID);
            if (created == null) {
                throw refused;
            }
            // moxxy created the job and failed it at once: it is recorded, with its tasks, so the failure shows
            recordFailedStart(jobId, projectId, created.toString(), orchestrator, ids);
            Map<String, Object> details = new LinkedHashMap<>(refused.details());
            details.put("job_id", jobId);
            throw new DomainException(refused.code(), refused.getMessage(), details);
        }
        long version = commands.create(new StartMoxxyJobCommand(jobId, projectId, started.jobId(), orchestrator, ids,
                started.workerCount(), moxxy.caller()));
        durableCommits.now(); // moxxy's job id is known nowhere else: a crash now must not lose it
        return Envelope.ok(Map.of("job_id", jobId, "moxxy_job_id", started.jobId(), "worker_count",
                started.workerCount(), "version", version));
    }

    /** A task already worked on, by an attempt or a moxxy job that has not ended, is not given to another job. */
    private static void requireFree(TaskState task) {
        if (task.attemptStatus() != null) {
            throw DomainException.invalidState("task " + task.taskId() + " has an attempt under way ("
                    + task.attemptStatus() + ")");
        }
        MoxxyLink link = task.moxxy();
        if (link != null && List.of("queued", "running").contains(link.taskStatus())) {
            throw DomainException.invalidState("task " + task.taskId() + " is in moxxy job " + link.jobId()
                    + ", which has not ended");
        }
    }

    private void recordFailedStart(String jobId, String projectId, String moxxyJobId, String orchestrator,
                                   List<String> ids) {
        commands.create(new StartMoxxyJobCommand(jobId, projectId, moxxyJobId, orchestrator, ids, 0, moxxy.caller()));
        durableCommits.now();
        try {
            readNow(new TrackedMoxxyJob(jobId, orchestrator, moxxyJobId, null, 0, false, moxxy.caller()));
        } catch (DomainException unreadable) {
            // the tracker reads it later
        }
    }

    /**
     * Cancels the job on moxxy, then records what moxxy says of it. moxxy does not stop the job's workers; they go
     * on and add a second {@code done}, which changes nothing here: the job has ended.
     */
    @PostMapping("/moxxy-jobs/{jobId}/cancel")
    Envelope cancel(@PathVariable String jobId) {
        MoxxyJobView job = activeJob(jobId);
        CancelOutcome outcome = moxxy.callAs(job.startedBy(), client -> client.cancel(job.agent(), job.moxxyJobId()));
        // a job that had ended on moxxy (cancelled too, if this read model lags) was not cancelled by this request
        Read read = readNow(tracked(job));
        return answer(job, read, outcome == CancelOutcome.CANCELED && read.state().equals("canceled"));
    }

    /**
     * Approves the job's merge on moxxy (which completes an executing job), then records what moxxy says of it. Only
     * for a job that has not ended: moxxy would answer success for any job, and add a {@code done} to its events.
     */
    @PostMapping("/moxxy-jobs/{jobId}/approve-merge")
    Envelope approveMerge(@PathVariable String jobId) {
        MoxxyJobView job = activeJob(jobId);
        moxxy.callAs(job.startedBy(), client -> {
            client.approveMerge(job.agent(), job.moxxyJobId());
            return null;
        });
        Read read = readNow(tracked(job));
        return answer(job, read, read.state().equals("completed"));
    }

    private MoxxyJobView activeJob(String jobId) {
        MoxxyJobView job = jobs.job(jobId).orElseThrow(() -> ApiException.notFound("moxxy job", jobId));
        if (job.ended()) {
            throw DomainException.invalidState("moxxy job " + jobId + " has ended (" + job.state() + ")");
        }
        return job;
    }

    /**
     * The job after a cancel or approve that {@code took} (moxxy's job is now canceled, or completed), else
     * INVALID_STATE saying what moxxy's job is: it had ended before.
     */
    private Envelope answer(MoxxyJobView job, Read read, boolean took) {
        if (!took) {
            throw new DomainException(ErrorCode.INVALID_STATE, "moxxy job " + job.jobId() + " is " + read.state()
                    + " on moxxy: it had ended before, or moxxy does not take this now",
                    Map.of("state", read.state(), "version", read.version()));
        }
        return Envelope.ok(Map.of("job_id", job.jobId(), "state", read.state(), "task_status",
                MoxxyJobStates.taskStatus(read.state()), "version", read.version() < 0 ? job.version() : read.version()));
    }

    private record Read(String state, long version) {
    }

    /** Reads the job on moxxy now and records what is new, as the tracker does; answers the state and version. */
    private Read readNow(TrackedMoxxyJob job) {
        long[] version = {-1};
        MoxxyJob read = moxxy.callAs(job.startedBy(), client -> MoxxyJobReader.read(client, job,
                command -> version[0] = commands.send(command), durableCommits));
        return new Read(read.status().wire(), version[0]);
    }

    private static TrackedMoxxyJob tracked(MoxxyJobView job) {
        return new TrackedMoxxyJob(job.jobId(), job.agent(), job.moxxyJobId(), job.state(), job.lastEventId(),
                !"ok".equals(job.tracking()), job.startedBy());
    }

    /** The project's jobs, newest first. */
    @GetMapping("/projects/{projectId}/moxxy-jobs")
    Envelope ofProject(@PathVariable String projectId) {
        projects.project(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        return Envelope.ok(Map.of("items", jobs.ofProject(projectId), "next", Optional.empty()));
    }

    @GetMapping("/moxxy-jobs/{jobId}")
    Envelope get(@PathVariable String jobId, @RequestParam(name = "min_version", required = false) Long minVersion) {
        return Envelope.ok(readYourWrites.read(minVersion, () -> jobs.job(jobId), MoxxyJobView::version)
                .orElseThrow(() -> ApiException.notFound("moxxy job", jobId)));
    }

    /** The job's workers, as moxxy answers them now. */
    @GetMapping("/moxxy-jobs/{jobId}/workers")
    Envelope workers(@PathVariable String jobId) {
        MoxxyJobView job = jobs.job(jobId).orElseThrow(() -> ApiException.notFound("moxxy job", jobId));
        return Envelope.ok(Map.of("items", moxxy.callAs(job.startedBy(),
                        client -> client.workers(job.agent(), job.moxxyJobId())),
                "next", Optional.empty()));
    }

    /** The job's events after {@code ?after=} (moxxy's event id), at most {@code ?limit=}; {@code next} is the cursor. */
    @GetMapping("/moxxy-jobs/{jobId}/events")
    Envelope events(@PathVariable String jobId, @RequestParam(required = false) String after,
                    @RequestParam(required = false) Integer limit) {
        MoxxyJobView job = jobs.job(jobId).orElseThrow(() -> ApiException.notFound("moxxy job", jobId));
        int size = Paging.limit(limit);
        List<JobEvent> events = moxxy.callAs(job.startedBy(), client -> client.events(job.agent(), job.moxxyJobId(),
                Paging.after(after), size));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", events);
        page.put("next", events.size() < size ? null : String.valueOf(events.get(events.size() - 1).id()));
        return Envelope.ok(page);
    }

    /** "Process these tasks:" and each task with its description and acceptance criteria, numbered. */
    static String prompt(List<TaskState> selected) {
        StringBuilder prompt = new StringBuilder("Process these tasks:\n");
        for (int i = 0; i < selected.size(); i++) {
            TaskState task = selected.get(i);
            prompt.append('\n').append(i + 1).append(". ").append(task.title()).append('\n');
            if (task.description() != null && !task.description().isBlank()) {
                prompt.append("   ").append(task.description().strip().replace("\n", "\n   ")).append('\n');
            }
            if (task.checklist() != null && !task.checklist().isEmpty()) {
                prompt.append("   Acceptance criteria:\n");
                for (ChecklistItem item : task.checklist()) {
                    prompt.append("   - ").append(item.text()).append('\n');
                }
            }
        }
        return prompt.toString();
    }
}
