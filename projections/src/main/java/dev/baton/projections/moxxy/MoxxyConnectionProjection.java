package dev.baton.projections.moxxy;

import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyConnectionVerifiedEvent;
import dev.baton.core.moxxy.MoxxyDisconnectedEvent;
import dev.baton.core.moxxy.MoxxyJobProgressedEvent;
import dev.baton.core.moxxy.MoxxyJobReachedAgainEvent;
import dev.baton.core.moxxy.MoxxyJobStalledEvent;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.moxxy.MoxxyJobStateChangedEvent;
import dev.baton.core.moxxy.MoxxyJobUnreachableEvent;
import dev.baton.projections.support.ImmediateWrites;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.moxxy.MoxxyConnectionReadModel;
import dev.baton.query.moxxy.MoxxyConnectionView;
import dev.baton.query.moxxy.MoxxyJobReadModel;
import dev.baton.query.moxxy.MoxxyJobView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** Builds the moxxy read model: the owners' connections and the jobs started from the boards. */
@Component
@ProcessingGroup(MoxxyConnectionProjection.NAME)
public class MoxxyConnectionProjection {

    public static final String NAME = MoxxyConnectionReadModel.PROJECTION;
    public static final String[] TABLES = {"rm_moxxy_connection", "rm_moxxy_job"};

    private final MoxxyConnectionReadModel connections;
    private final MoxxyJobReadModel jobs;
    private final ProjectionContext context;

    public MoxxyConnectionProjection(MoxxyConnectionReadModel connections, MoxxyJobReadModel jobs,
                                     ProjectionContext context) {
        this.connections = connections;
        this.jobs = jobs;
        this.context = context;
    }

    @EventHandler
    void on(MoxxyJobStartedEvent event, @Timestamp Instant at) {
        jobs.insert(gen(), MoxxyJobView.started(event.jobId(), event.projectId(), event.moxxyJobId(), event.agent(),
                event.taskIds(), event.workerCount(), event.startedBy(), at));
    }

    @EventHandler
    void on(MoxxyJobStateChangedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        job(event.jobId(), job -> job.changed(event.to(), event.taskStatus(), event.detail(), at, version));
    }

    @EventHandler
    void on(MoxxyJobProgressedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        job(event.jobId(), job -> job.progressed(event.eventId(), at, version));
    }

    @EventHandler
    void on(MoxxyJobUnreachableEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        job(event.jobId(), job -> job.tracked("retrying", event.reason(), at, version));
    }

    @EventHandler
    void on(MoxxyJobStalledEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        job(event.jobId(), job -> job.tracked("unreachable", event.reason(), at, version));
    }

    @EventHandler
    void on(MoxxyJobReachedAgainEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        job(event.jobId(), job -> job.tracked("ok", null, at, version));
    }

    private void job(String jobId, UnaryOperator<MoxxyJobView> change) {
        int gen = gen();
        jobs.job(gen, jobId).ifPresent(job -> jobs.update(gen, change.apply(job)));
    }

    @EventHandler
    void on(MoxxyConnectedEvent event, @SequenceNumber long version) {
        connections.put(gen(), new MoxxyConnectionView(event.connectionId(), event.owner(), event.endpoint().baseUrl(),
                event.endpoint().tokenKind(), event.token() != null, "connected", event.verifiedAt(),
                event.verifiedAt(), null, version), event.token());
    }

    @EventHandler
    void on(MoxxyConnectionVerifiedEvent event, @SequenceNumber long version) {
        int gen = gen();
        connections.connection(gen, event.connectionId()).ifPresent(connection ->
                connections.update(gen, connection.checked(event.at(), event.problem(), version)));
    }

    @EventHandler
    void on(MoxxyDisconnectedEvent event) {
        connections.remove(gen(), event.connectionId());
    }

    /** Connections change rarely: they are written at once, in the generation this batch writes. */
    private int gen() {
        return context.batch(NAME, ImmediateWrites::new).gen();
    }
}
