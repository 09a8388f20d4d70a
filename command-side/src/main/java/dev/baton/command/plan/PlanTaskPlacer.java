package dev.baton.command.plan;

import dev.baton.command.directory.BoardDirectory;
import dev.baton.core.common.DomainException;
import dev.baton.core.plan.CompiledTask;
import dev.baton.core.plan.PlanConfirmedEvent;
import dev.baton.core.task.CreateTaskCommand;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Puts a confirmed graph's tasks on the board, in dependency order so that each finds the tasks it depends on. A
 * task's id comes from its plan and key, so a task already there (from an earlier confirmation, or from before a
 * restart in the middle of this one) is left as it is: confirming again never makes a second card.
 */
@Component
@ProcessingGroup(PlanTaskPlacer.GROUP)
class PlanTaskPlacer {

    static final String GROUP = "plan-tasks";
    static final String LABEL = "plan";
    private static final Logger log = LoggerFactory.getLogger(PlanTaskPlacer.class);

    private final CommandGateway commands;
    private final BoardDirectory directory;
    private final ExecutorService placing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-plan-tasks");
        thread.setDaemon(true);
        return thread;
    });

    PlanTaskPlacer(CommandGateway commands, BoardDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    /**
     * The tasks are created on another thread, which this handler waits for. Commands sent from this thread would
     * join the event processor's unit of work, and their events would only be stored and seen by the board directory
     * when the whole batch commits, so no task could find the ones it depends on. A crash midway leaves the token
     * where it was: the event is handled again, and the tasks already made are skipped.
     */
    @EventHandler
    void on(PlanConfirmedEvent event) {
        CompletableFuture.runAsync(() -> place(event), placing).join();
    }

    @PreDestroy
    void stop() {
        placing.shutdownNow();
    }

    private void place(PlanConfirmedEvent event) {
        Map<String, String> idsByKey = new HashMap<>();
        event.tasks().forEach(task -> idsByKey.put(task.key(), task.taskId()));
        for (CompiledTask task : event.tasks()) {
            if (directory.task(task.taskId()).isPresent()) {
                continue;
            }
            // a dependency the user deleted from the board meanwhile is left out rather than failing the task
            List<String> dependsOn = task.dependsOn().stream().map(idsByKey::get)
                    .filter(id -> directory.task(id).isPresent()).toList();
            try {
                commands.sendAndWait(new CreateTaskCommand(task.taskId(), event.projectId(), task.title(),
                        task.description(), task.acceptanceCriteria(), List.of(LABEL), null, null, null, null, null,
                        dependsOn));
            } catch (AggregateStreamCreationException deletedBefore) {
                log.info("plan {}: task {} ({}) was deleted from the board, not placed again", event.planId(),
                        task.key(), task.taskId());
            } catch (DomainException refused) {
                log.warn("plan {}: task {} ({}) could not be placed: {}", event.planId(), task.key(), task.taskId(),
                        refused.getMessage());
            }
        }
    }
}
