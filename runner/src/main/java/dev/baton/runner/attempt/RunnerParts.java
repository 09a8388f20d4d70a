package dev.baton.runner.attempt;

import dev.baton.runner.change.ChangeRecorder;
import dev.baton.runner.change.DiffReader;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.moxxy.MoxxyAccess;
import dev.baton.runner.process.ProcessSupervisor;
import dev.baton.runner.secret.ProviderKeyAccess;
import dev.baton.runner.secret.SecretMask;
import dev.baton.runner.workspace.WorkspaceManager;

/**
 * What every attempt execution works with, in one place; {@code moxxy} is where moxxy agents run, {@code keys} where
 * the provider keys of the user who started an attempt are found.
 */
record RunnerParts(RunnerSettings settings, AttemptSpecs specs, RunQueue queue, AttemptCommands commands,
                   AttemptLog log, WorkspaceManager workspaces, ProcessSupervisor supervisor, ChangeRecorder changes,
                   DiffReader diffs, MoxxyAccess moxxy, ProviderKeyAccess keys) {

    OutputPump pump(SecretMask mask) {
        return new OutputPump(log, mask);
    }
}
