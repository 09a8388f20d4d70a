package dev.baton.projections.moxxy;

import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyConnectionVerifiedEvent;
import dev.baton.core.moxxy.MoxxyDisconnectedEvent;
import dev.baton.projections.support.ImmediateWrites;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.moxxy.MoxxyConnectionReadModel;
import dev.baton.query.moxxy.MoxxyConnectionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** Builds the moxxy connections read model. */
@Component
@ProcessingGroup(MoxxyConnectionProjection.NAME)
public class MoxxyConnectionProjection {

    public static final String NAME = MoxxyConnectionReadModel.PROJECTION;
    public static final String[] TABLES = {"rm_moxxy_connection"};

    private final MoxxyConnectionReadModel connections;
    private final ProjectionContext context;

    public MoxxyConnectionProjection(MoxxyConnectionReadModel connections, ProjectionContext context) {
        this.connections = connections;
        this.context = context;
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
