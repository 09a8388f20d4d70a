package dev.baton.api.config;

import dev.baton.projections.support.ProjectionProcessors;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    private final AuditTrail trail = new AuditTrail();
    private final GenericEventMessage<String> event = new GenericEventMessage<>("payload",
            MetaData.from(Map.of(AuditTrail.USER, "ada", AuditTrail.CORRELATION_ID, "request-1", AuditTrail.REASON, "tidy")));
    private UnitOfWork<?> unitOfWork;

    @AfterEach
    void end() {
        if (unitOfWork != null && unitOfWork.isActive()) {
            unitOfWork.rollback();
        }
    }

    @Test
    void messagesCausedByAnEventCarryItsUserCorrelationAndCause() {
        unitOfWork = DefaultUnitOfWork.startAndGet(event);

        Map<String, Object> data = Map.copyOf(trail.correlationDataFor(event));

        assertThat(data).containsEntry(AuditTrail.USER, "ada").containsEntry(AuditTrail.CORRELATION_ID, "request-1")
                .containsEntry(AuditTrail.CAUSATION_ID, event.getIdentifier())
                .containsEntry(AuditTrail.CAUSATION_TYPE, "String").containsEntry(AuditTrail.REASON, "tidy");
    }

    @Test
    void aMessageWithoutAUserIsTheSystemsAndStartsItsOwnCorrelation() {
        GenericEventMessage<String> anonymous = new GenericEventMessage<>("payload");
        unitOfWork = DefaultUnitOfWork.startAndGet(anonymous);

        assertThat(Map.<String, Object>copyOf(trail.correlationDataFor(anonymous))).containsEntry(AuditTrail.USER, "system")
                .containsEntry(AuditTrail.CORRELATION_ID, anonymous.getIdentifier());
    }

    @Test
    void aProjectionsUnitOfWorkCarriesNothingOn() {
        unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.resources().put(ProjectionProcessors.SENDS_NO_MESSAGES, Boolean.TRUE);

        assertThat(trail.correlationDataFor(event)).isEmpty();
    }
}
