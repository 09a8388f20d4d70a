package dev.baton.core.moxxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoxxyTrackingTest {

    @Test
    void theBackoffDoublesFromThePollIntervalUpToItsMaximum() {
        MoxxyTracking tracking = new MoxxyTracking(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(10));
        assertThat(tracking.backoff(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(tracking.backoff(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(tracking.backoff(4)).isEqualTo(Duration.ofSeconds(32));
        assertThat(tracking.backoff(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(tracking.backoff(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new MoxxyTracking(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MoxxyTracking(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MoxxyTracking(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
