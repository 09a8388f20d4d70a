package dev.baton.api.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * The embedded event store: Axon's JDBC storage engine on the tables of the JPA layout ({@code domain_event_entry},
 * {@code snapshot_event_entry}, see V1). Axon's default JPA engine went through Hibernate for every append (persist,
 * a sequence call, dirty checking, flush) and for every event read; that was 40 % of a command's CPU. The engine
 * joins the Spring transaction of the unit of work, so events, the command side's directory and tokens still commit
 * together.
 */
@org.springframework.context.annotation.Configuration
class EventStoreConfig {

    /** Events read per query, by aggregates loading and by processors tailing or replaying the store. */
    private static final int BATCH_SIZE = 1_000;

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          Configuration configuration, DataSource dataSource,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .dataType(byte[].class)
                .batchSize(BATCH_SIZE)
                .schema(EventSchema.builder()
                        .eventTable("domain_event_entry")
                        .snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index")
                        .timestampColumn("time_stamp")
                        .eventIdentifierColumn("event_identifier")
                        .aggregateIdentifierColumn("aggregate_identifier")
                        .sequenceNumberColumn("sequence_number")
                        .typeColumn("type")
                        .payloadTypeColumn("payload_type")
                        .payloadRevisionColumn("payload_revision")
                        .payloadColumn("payload")
                        .metaDataColumn("meta_data")
                        .build())
                .build();
    }
}
