package dev.baton.api;

import dev.baton.api.support.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projections run as pooled streaming processors, started, one segment each (the read models need order). */
class ProjectionProcessorsTest extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @ParameterizedTest
    @ValueSource(strings = {"board", "timeline", "agent-profiles", "attempts"})
    void eachProjectionIsAPooledStreamingProcessor(String name) {
        PooledStreamingEventProcessor processor =
                processing.eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow();

        assertThat(processor.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(processor.processingStatus().keySet()).containsExactly(0));
    }
}
