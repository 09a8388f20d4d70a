package dev.baton.api.moxxy;

import dev.baton.api.web.ApiException;
import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.api.web.Paging;
import dev.baton.api.web.ReadYourWrites;
import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.moxxy.StartMoxxyJobCommand;
import dev.baton.core.task.ChecklistItem;
import dev.baton.query.board.TaskReadModel;
import dev.baton.query.board.TaskState;
import dev.baton.query.moxxy.MoxxyJobReadModel;
import dev.baton.query.moxxy.MoxxyJobView;
import dev.baton.runner.moxxy.JobEvent;
import dev.baton.runner.moxxy.JobRequest;
import dev.baton.runner.moxxy.StartedJob;
import dev.baton.runner.moxxy.WorkerMode;
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
    private final ConnectedMoxxy moxxy;
    private final CommandSender commands;
    private final TaskReadModel tasks;
    private final MoxxyJobReadModel jobs;
    private final ReadYourWrites readYourWrites;

    MoxxyJobController(ConnectedMoxxy moxxy, CommandSender commands, TaskReadModel tasks, MoxxyJobReadModel jobs,
                       ReadYourWrites readYourWrites) {
        this.moxxy = moxxy;
        this.commands = commands;
        this.tasks = tasks;
        this.jobs = jobs;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping("/projects/{projectId}/moxxy-jobs")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope start(@PathVariable String projectId, @RequestBody JobBody body) {
        List<String> ids = Checks.distinctStrings("task_ids", body.taskIds(), 36);
        if (ids.isEmpty()) {
            throw DomainException.invalidField("task_ids", "task_ids names the board's tasks the job is for");
        }
        List<TaskState> selected = new ArrayList<>();
        for (String id : ids) {
            selected.add(tasks.task(id).filter(task -> task.projectId().equals(projectId)).orElseThrow(() ->
                    DomainException.invalidField("task_ids", "task " + id + " is not on this board")));
        }
        String orchestrator = body.orchestrator() != null ? body.orchestrator() : DEFAULT_ORCHESTRATOR;
        JobRequest request = new JobRequest(prompt(selected), body.templateId(), body.workerMode(),
                body.existingAgents(), body.ephemeralCount(), body.maxParallelism());
        StartedJob started = moxxy.call(client -> client.startJob(orchestrator, request));
        String jobId = UUID.randomUUID().toString();
        long version = commands.create(new StartMoxxyJobCommand(jobId, projectId, started.jobId(), orchestrator, ids,
                started.workerCount()));
        return Envelope.ok(Map.of("job_id", jobId, "moxxy_job_id", started.jobId(), "worker_count",
                started.workerCount(), "version", version));
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
        return Envelope.ok(Map.of("items", moxxy.call(client -> client.workers(job.agent(), job.moxxyJobId())),
                "next", Optional.empty()));
    }

    /** The job's events after {@code ?after=} (moxxy's event id), at most {@code ?limit=}; {@code next} is the cursor. */
    @GetMapping("/moxxy-jobs/{jobId}/events")
    Envelope events(@PathVariable String jobId, @RequestParam(required = false) String after,
                    @RequestParam(required = false) Integer limit) {
        MoxxyJobView job = jobs.job(jobId).orElseThrow(() -> ApiException.notFound("moxxy job", jobId));
        int size = Paging.limit(limit);
        List<JobEvent> events = moxxy.call(client -> client.events(job.agent(), job.moxxyJobId(), Paging.after(after),
                size));
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
