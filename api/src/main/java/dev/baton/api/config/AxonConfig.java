package dev.baton.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.projections.access.AccessDirectoryUpdater;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring: Jackson (never XStream) for events, messages, snapshots, tokens and sagas, with snake_case
 * fields so that stored payloads read the same as the API; the audit metadata on every message; and the
 * command side's directory updated in the same transaction as the events (a subscribing processor).
 */
@Configuration
public class AxonConfig {

    static ObjectMapper storeMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(storeMapper()).build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    public CorrelationDataProvider auditTrail() {
        return new AuditTrail();
    }

    @Bean
    public ConfigurerModule subscribingDirectory() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor("board-directory")
                .registerSubscribingEventProcessor(AccessDirectoryUpdater.GROUP);
    }
}
