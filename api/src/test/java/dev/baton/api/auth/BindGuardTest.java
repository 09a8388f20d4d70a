package dev.baton.api.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindGuardTest {

    private static final AuthSettings OFF = new AuthSettings(false, "", Duration.ofHours(1), 20, 100);
    private static final AuthSettings ON = new AuthSettings(true, "", Duration.ofHours(1), 20, 100);

    @Test
    void loopbackAddressesMayRunWithoutAccounts() {
        for (String address : new String[]{"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            new BindGuard(OFF, address);
            assertThat(BindGuard.loopback(address)).as(address).isTrue();
        }
    }

    @Test
    void everyInterfaceOrAnotherAddressNeedsAccounts() {
        for (String address : new String[]{"0.0.0.0", "::", "", "192.0.2.7", "no-such-host.invalid"}) {
            assertThatThrownBy(() -> new BindGuard(OFF, address)).as(address)
                    .isInstanceOf(BindGuard.UnsafeBindException.class).hasMessageContaining("without accounts");
            new BindGuard(ON, address);
        }
    }

    @Test
    void theStartupReportSaysWhatToDo() {
        BindGuard.UnsafeBindException refused = new BindGuard.UnsafeBindException("0.0.0.0");
        var analysis = new UnsafeBindFailureAnalyzer().analyze(new IllegalStateException(refused), refused);
        assertThat(analysis.getDescription()).contains("0.0.0.0").contains("run code");
        assertThat(analysis.getAction()).contains("baton.auth.enabled=true").contains("server.address=127.0.0.1");
    }
}
