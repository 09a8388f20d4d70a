package dev.baton.runner.process;

/** The default: bubblewrap where it is installed (test.sh installs it), else unshare. */
class AutoSandboxTest extends IsolatedRunsContract {

    @Override
    SandboxMode mode() {
        return SandboxMode.AUTO;
    }
}
