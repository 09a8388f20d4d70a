package dev.baton.projections.support;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections' pooled streaming processors (their mode, source and batch sizes are in application.properties):
 * each coordinator runs on a {@link PromptCoordinatorExecutor}, so that a backlog is read as fast as it is handled.
 */
@Configuration
public class ProjectionProcessors {

    @Bean
    public ConfigurerModule promptCoordinators() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (config, builder) -> builder.coordinatorExecutor(processorName -> {
                    PromptCoordinatorExecutor executor = new PromptCoordinatorExecutor(processorName);
                    config.onShutdown(executor::shutdown);
                    return executor;
                }));
    }
}
