package dev.baton.runner.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentSandboxTest {

    @TempDir
    Path dataDir;

    @Test
    void theServersOwnVariablesAndTheHiddenOnesAreTakenOut() {
        Map<String, String> environment = new HashMap<>(Map.of("BATON_MASTER_KEY", "k", "BATON_ADMIN_PASSWORD", "p",
                "SPRING_DATASOURCE_PASSWORD", "d", "spring.datasource.password", "d", "AWS_SECRET_ACCESS_KEY", "a",
                "PATH", "/usr/bin", "HOME", "/root", "BATONISH", "kept"));
        SandboxSettings settings = SandboxSettings.of(dataDir, "off", "", " AWS_SECRET_ACCESS_KEY ,OTHER");

        AgentSandbox.detect(settings).scrub(environment);

        assertThat(environment).containsOnlyKeys("PATH", "HOME", "BATONISH");
    }

    @Test
    void autoAndRequiredTakeBubblewrapWhenItIsInstalledElseUnshare() {
        AgentSandbox.Mechanism expected = bubblewrapInstalled() ? AgentSandbox.Mechanism.BWRAP
                : AgentSandbox.Mechanism.UNSHARE;

        assertThat(AgentSandbox.detect(SandboxSettings.of(dataDir, "auto", "", "")).mechanism()).isEqualTo(expected);
        assertThat(AgentSandbox.detect(SandboxSettings.of(dataDir, "Required", "", "")).mechanism()).isEqualTo(expected);
        assertThat(AgentSandbox.detect(SandboxSettings.of(dataDir, "off", "", "")).mechanism())
                .isEqualTo(AgentSandbox.Mechanism.NONE);
    }

    @Test
    void theDatabaseAndKeyFoldersAreHiddenWithTheConfiguredPaths() {
        SandboxSettings settings = SandboxSettings.of(dataDir, "auto", "/srv/keys, /etc/baton.env", "");

        assertThat(settings.hiddenPaths()).containsExactly(dataDir.resolve("db"), dataDir.resolve("secrets"),
                Path.of("/srv/keys"), Path.of("/etc/baton.env"));
        assertThat(settings.mode()).isEqualTo(SandboxMode.AUTO);
    }

    @Test
    void anUnknownModeIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> SandboxMode.of("firejail")).hasMessage(
                "baton.runner.sandbox must be one of auto, required, bwrap, unshare, off, not 'firejail'");
    }

    private static boolean bubblewrapInstalled() {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "bwrap")));
    }
}
