package dev.baton.api.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A recovery test: real server processes on one data folder ({@link ServerProcesses}), and a folder for the marker
 * files its agents and the test exchange. Each server is its own JVM on its own H2 database, so test.sh runs these
 * classes in the H2 pass only.
 */
public abstract class ServerProcessTest {

    @TempDir
    protected Path dataDir;
    @TempDir
    protected Path markers;
    protected ServerProcesses servers;

    @BeforeEach
    void servers() {
        servers = new ServerProcesses(dataDir);
    }

    @AfterEach
    void stopServers() {
        servers.close();
    }
}
