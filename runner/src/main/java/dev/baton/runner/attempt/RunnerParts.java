package dev.baton.runner.attempt;

import dev.baton.runner.change.ChangeRecorder;
import dev.baton.runner.change.DiffReader;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.moxxy.MoxxyAccess;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.workspace.WorkspaceManager;

/** What every attempt execution works with, in one place; {@code moxxy} is where moxxy agents run. */
record RunnerParts(RunnerSettings settings, AttemptSpecs specs, RunQueue queue, AttemptCommands commands,
                   AttemptLog log, WorkspaceManager workspaces, ProcessSupervisor supervisor, ChangeRecorder changes,
                   DiffReader diffs, MoxxyAccess moxxy) {

    OutputPump pump() {
        return new OutputPump(log);
    }
}
