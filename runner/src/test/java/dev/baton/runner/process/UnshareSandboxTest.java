package dev.baton.runner.process;

/** The fallback without bubblewrap, forced (util-linux's unshare; the server must be root). */
class UnshareSandboxTest extends IsolatedRunsContract {

    @Override
    SandboxMode mode() {
        return SandboxMode.UNSHARE;
    }
}
