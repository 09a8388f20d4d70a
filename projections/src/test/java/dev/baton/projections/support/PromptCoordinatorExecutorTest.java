package dev.baton.projections.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PromptCoordinatorExecutorTest {

    private final PromptCoordinatorExecutor executor = new PromptCoordinatorExecutor("board");

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void theFullPackagePauseBecomesAPromptRecheck() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        ScheduledFuture<?> recheck = executor.schedule(ran::countDown, 100, TimeUnit.MILLISECONDS);

        assertThat(recheck.getDelay(TimeUnit.MILLISECONDS))
                .isLessThanOrEqualTo(PromptCoordinatorExecutor.FULL_PACKAGE_RECHECK_MILLIS);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void otherDelaysAreKept() {
        ScheduledFuture<?> claim = executor.schedule(() -> { }, 5, TimeUnit.SECONDS);
        ScheduledFuture<?> poll = executor.schedule(() -> { }, 500, TimeUnit.MILLISECONDS);

        assertThat(claim.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(4_000);
        assertThat(poll.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(400);
    }

    @Test
    void itsThreadIsNamedAfterTheProcessor() throws Exception {
        String name = executor.submit(() -> Thread.currentThread().getName()).get();

        assertThat(name).startsWith("Coordinator[board]");
    }
}
