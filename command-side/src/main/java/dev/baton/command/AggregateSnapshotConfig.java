package dev.baton.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;

/**
 * Snapshots keep aggregate loading constant-time however long a history grows: every
 * {@code baton.snapshot-threshold} events a snapshot is written in the background, and loading reads the
 * latest snapshot plus the events after it. Unlike an aggregate cache this stays correct when several nodes
 * share one database.
 */
@Configuration
public class AggregateSnapshotConfig {

    @Bean
    public SpringAggregateSnapshotterFactoryBean snapshotter() {
        SpringAggregateSnapshotterFactoryBean factory = new SpringAggregateSnapshotterFactoryBean();
        factory.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baton-snapshotter");
            thread.setDaemon(true);
            return thread;
        }));
        return factory;
    }

    /** The trigger of every aggregate but the run: one definition serves them all (each instance counts its own events). */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, @Value("${baton.snapshot-threshold:20}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** A run's state grows with its graph, and most of its events change one task: snapshots are taken less often. */
    @Bean
    public SnapshotTriggerDefinition runSnapshotTrigger(Snapshotter snapshotter, @Value("${baton.run-snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Runs are also cached: a big graph's run is loaded for every report of every attempt, and rebuilding a thousand
     * tasks from a snapshot each time made the run saga the bottleneck. A cached run stays correct across nodes: a
     * node whose copy is stale fails to append (the event's sequence number is taken), which rolls back and evicts it,
     * and the retry loads it afresh.
     */
    @Bean
    public Cache runCache() {
        return new WeakReferenceCache();
    }
}
