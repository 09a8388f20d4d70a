package dev.baton.projections.support;

import dev.baton.projections.agent.AgentProfileProjection;
import dev.baton.projections.attempt.AttemptProjection;
import dev.baton.projections.board.BoardProjection;
import dev.baton.projections.moxxy.MoxxyConnectionProjection;
import dev.baton.projections.plan.PlanProjection;
import dev.baton.projections.run.RunProjection;
import dev.baton.projections.timeline.TimelineProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The projections' pooled streaming processors (their mode, source and batch sizes are in application.properties):
 * each coordinator runs on a {@link PromptCoordinatorExecutor}, so that a backlog is read as fast as it is handled,
 * and their units of work are marked {@link #SENDS_NO_MESSAGES}.
 */
@Configuration
public class ProjectionProcessors {

    /**
     * The resource that marks a projection's unit of work. A projection sends no command or event, so the audit
     * trail has nothing to pass on from the events it handles; Axon still asks for that correlation data for every
     * event (for the result message of each handler call), which meant reading every event's metadata JSON.
     */
    public static final String SENDS_NO_MESSAGES = "baton.projection.sends-no-messages";

    private static final List<String> PROCESSORS =
            List.of(BoardProjection.NAME, TimelineProjection.NAME, AgentProfileProjection.NAME, AttemptProjection.NAME,
                    PlanProjection.NAME, RunProjection.NAME, MoxxyConnectionProjection.NAME);

    @Bean
    public ConfigurerModule projectionProcessorSettings() {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            processing.registerPooledStreamingEventProcessorConfiguration(
                    (config, builder) -> builder.coordinatorExecutor(processorName -> {
                        PromptCoordinatorExecutor executor = new PromptCoordinatorExecutor(processorName);
                        config.onShutdown(executor::shutdown);
                        return executor;
                    }));
            PROCESSORS.forEach(name -> processing.registerHandlerInterceptor(name, config -> markSendsNoMessages()));
        };
    }

    private static MessageHandlerInterceptor<EventMessage<?>> markSendsNoMessages() {
        return (unitOfWork, chain) -> {
            unitOfWork.resources().put(SENDS_NO_MESSAGES, Boolean.TRUE);
            return chain.proceed();
        };
    }
}
