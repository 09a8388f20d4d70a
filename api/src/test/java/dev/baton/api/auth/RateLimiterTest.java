package dev.baton.api.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

    @Test
    void aBurstIsAllowedThenTheRateRefillsIt() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("a")).isEmpty();
        }
        assertThat(limiter.take("a")).contains(Duration.ofMillis(500));
        assertThat(limiter.take("b")).as("another key has its own bucket").isEmpty();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.take("a")).isEmpty();
        assertThat(limiter.take("a")).isPresent();
    }

    @Test
    void forgettingAKeyGivesItsBurstBack() {
        for (int i = 0; i < 3; i++) {
            limiter.take("a");
        }
        limiter.forget("a");
        assertThat(limiter.take("a")).isEmpty();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("a")).isEmpty();
        }
        assertThat(limiter.take("a")).isPresent();
    }
}
