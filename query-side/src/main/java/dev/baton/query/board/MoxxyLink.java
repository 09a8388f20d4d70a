package dev.baton.query.board;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.core.moxxy.MoxxyJobStates;

/**
 * The moxxy job a task is linked to, on its card and in its detail: the job, the moxxy agent that orchestrates it,
 * moxxy's state of it ({@code queued} until Baton first reads it), and {@code problem} while Baton cannot reach it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MoxxyLink(String jobId, String agent, String status, String problem) {

    /** Just linked: the job is {@code queued} as far as Baton knows. */
    public static MoxxyLink queued(String jobId, String agent) {
        return new MoxxyLink(jobId, agent, "queued", null);
    }

    public MoxxyLink at(String newStatus) {
        return new MoxxyLink(jobId, agent, newStatus, problem);
    }

    public MoxxyLink withProblem(String newProblem) {
        return new MoxxyLink(jobId, agent, status, newProblem);
    }

    /**
     * The linked task's status: {@code queued} until the job is first read (moxxy's own {@code queued} is never
     * seen outside its start request), then as the contract maps the job's state ({@link MoxxyJobStates#taskStatus}).
     */
    @JsonIgnore
    public String taskStatus() {
        return "queued".equals(status) ? "queued" : MoxxyJobStates.taskStatus(status);
    }
}
