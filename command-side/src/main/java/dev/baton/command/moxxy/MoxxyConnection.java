package dev.baton.command.moxxy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.SealedSecret;
import dev.baton.core.moxxy.ConnectMoxxyCommand;
import dev.baton.core.moxxy.DisconnectMoxxyCommand;
import dev.baton.core.moxxy.MoxxyConnectedEvent;
import dev.baton.core.moxxy.MoxxyConnectionIds;
import dev.baton.core.moxxy.MoxxyConnectionVerifiedEvent;
import dev.baton.core.moxxy.MoxxyDisconnectedEvent;
import dev.baton.core.moxxy.RecordMoxxyVerificationCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An owner's connection to their moxxy instance (one per owner): where it is, how Baton authenticates (the token only
 * ever sealed), and whether it is connected. The API verifies an instance before it connects it, so a connection is
 * only ever stored verified; disconnecting keeps the history, and connecting again starts over.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate
public class MoxxyConnection {

    @AggregateIdentifier
    private String connectionId;
    private String owner;
    private SealedSecret token;
    private boolean connected;

    /** Axon creates an empty connection for an owner's first one. */
    public MoxxyConnection() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Long handle(ConnectMoxxyCommand command) {
        if (!command.connectionId().equals(MoxxyConnectionIds.ofOwner(command.owner()))) {
            throw DomainException.invalidState("connection " + command.connectionId() + " is not " + command.owner()
                    + "'s");
        }
        if (command.verifiedAt() == null) {
            throw DomainException.invalidState("a moxxy connection is stored only once its instance answered");
        }
        String replaced = connected && token != null ? token.keyId() : null;
        apply(new MoxxyConnectedEvent(command.connectionId(), command.owner(), command.endpoint(), command.token(),
                command.verifiedAt(), replaced));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(RecordMoxxyVerificationCommand command) {
        requireConnected();
        apply(new MoxxyConnectionVerifiedEvent(connectionId, command.at(), command.problem()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public Long handle(DisconnectMoxxyCommand command) {
        requireConnected();
        apply(new MoxxyDisconnectedEvent(connectionId, owner, token == null ? null : token.keyId()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(MoxxyConnectedEvent event) {
        connectionId = event.connectionId();
        owner = event.owner();
        token = event.token();
        connected = true;
    }

    @EventSourcingHandler
    void on(MoxxyDisconnectedEvent event) {
        token = null;
        connected = false;
    }

    private void requireConnected() {
        if (!connected) {
            throw DomainException.notFound("moxxy connection", connectionId);
        }
    }
}
