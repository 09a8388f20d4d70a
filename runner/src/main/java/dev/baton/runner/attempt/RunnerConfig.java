package dev.baton.runner.attempt;

import dev.baton.runner.change.ChangeRecorder;
import dev.baton.runner.change.DiffLimits;
import dev.baton.runner.change.DiffReader;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.WorkspaceManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The runner's parts that are plain classes, made beans here. */
@Configuration
class RunnerConfig {

    @Bean
    ProcessSupervisor processSupervisor() {
        return new ProcessSupervisor();
    }

    @Bean
    ChangeRecorder changeRecorder() {
        return new ChangeRecorder(git());
    }

    @Bean
    DiffReader diffReader() {
        return new DiffReader(git(), DiffLimits.DEFAULT);
    }

    private static GitCli git() {
        return new GitCli("git", Duration.ofMinutes(10));
    }

    @Bean
    RunnerParts runnerParts(RunnerSettings settings, AttemptSpecs specs, RunQueue queue, AttemptCommands commands,
                            AttemptLog log, WorkspaceManager workspaces, ProcessSupervisor supervisor,
                            ChangeRecorder changes, DiffReader diffs) {
        return new RunnerParts(settings, specs, queue, commands, log, workspaces, supervisor, changes, diffs);
    }
}
