package dev.baton.api.task;

import dev.baton.api.web.CommandSender;
import dev.baton.api.web.Envelope;
import dev.baton.core.task.PauseTaskCommand;
import dev.baton.core.task.ResumeTaskCommand;
import dev.baton.core.task.SteerTaskCommand;
import dev.baton.core.task.StopTaskCommand;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A person's controls over a task's runs: pause (its agent is suspended, nothing new starts for it), resume, stop
 * (its attempts under way are cancelled) and steer (a comment, and optionally a prompt patch, that its running agent
 * receives at its next turn and every later attempt's prompt carries).
 */
@RestController
@RequestMapping("/api/v1/tasks/{taskId}")
class TaskControlController {

    record SteerBody(String comment, String promptPatch) {
    }

    private final CommandSender commands;

    TaskControlController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/pause")
    Envelope pause(@PathVariable String taskId) {
        long version = commands.send(new PauseTaskCommand(taskId));
        return Envelope.ok(Map.of("task_id", taskId, "version", version, "status", "paused"));
    }

    /** The status after a resume depends on what the task was doing, so the answer names none. */
    @PostMapping("/resume")
    Envelope resume(@PathVariable String taskId) {
        long version = commands.send(new ResumeTaskCommand(taskId));
        return Envelope.ok(Map.of("task_id", taskId, "version", version));
    }

    @PostMapping("/stop")
    Envelope stop(@PathVariable String taskId) {
        long version = commands.send(new StopTaskCommand(taskId));
        return Envelope.ok(Map.of("task_id", taskId, "version", version, "status", "stopped"));
    }

    @PostMapping("/steer")
    Envelope steer(@PathVariable String taskId, @RequestBody SteerBody body) {
        long version = commands.send(new SteerTaskCommand(taskId, body.comment(), body.promptPatch()));
        return Envelope.ok(Map.of("task_id", taskId, "version", version));
    }
}
