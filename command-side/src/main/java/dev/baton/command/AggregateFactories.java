package dev.baton.command;

import dev.baton.command.agent.AgentProfile;
import dev.baton.command.attempt.Attempt;
import dev.baton.command.project.Project;
import dev.baton.command.task.Task;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/**
 * Aggregates are created with their no-argument constructor. Without these beans (found by their names, {@code
 * <aggregate>AggregateFactory}) Axon makes every loaded aggregate a Spring prototype bean, and running Spring's bean
 * post-processors on each load cost two thirds of loading a task from its snapshot. The aggregates need no
 * injection: what their handlers use comes in as handler parameters.
 */
@org.springframework.context.annotation.Configuration
public class AggregateFactories {

    @Bean
    public AggregateFactory<Project> projectAggregateFactory(ObjectProvider<Configuration> axon) {
        return new Constructed<>(Project.class, axon);
    }

    @Bean
    public AggregateFactory<Task> taskAggregateFactory(ObjectProvider<Configuration> axon) {
        return new Constructed<>(Task.class, axon);
    }

    @Bean
    public AggregateFactory<AgentProfile> agentProfileAggregateFactory(ObjectProvider<Configuration> axon) {
        return new Constructed<>(AgentProfile.class, axon);
    }

    @Bean
    public AggregateFactory<Attempt> attemptAggregateFactory(ObjectProvider<Configuration> axon) {
        return new Constructed<>(Attempt.class, axon);
    }

    /**
     * A {@link GenericAggregateFactory} built on first use: inspecting the aggregate needs Axon's parameter
     * resolvers (handlers take Spring beans as parameters), and Axon's configuration is not ready when this bean is.
     */
    private static final class Constructed<T> implements AggregateFactory<T> {

        private final Class<T> type;
        private final ObjectProvider<Configuration> axon;
        private volatile GenericAggregateFactory<T> delegate;

        Constructed(Class<T> type, ObjectProvider<Configuration> axon) {
            this.type = type;
            this.axon = axon;
        }

        @Override
        public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
            GenericAggregateFactory<T> factory = delegate;
            if (factory == null) {
                Configuration configuration = axon.getObject();
                factory = new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(type,
                        configuration.parameterResolverFactory(), configuration.handlerDefinition(type)));
                delegate = factory;
            }
            return factory.createAggregateRoot(aggregateIdentifier, firstEvent);
        }

        @Override
        public Class<T> getAggregateType() {
            return type;
        }
    }
}
