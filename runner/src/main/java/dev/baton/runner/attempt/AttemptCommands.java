package dev.baton.runner.attempt;

import dev.baton.core.attempt.CancelAttemptCommand;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends the runner's reports on an attempt. They act as the runner ({@code user} {@value #RUNNER}) and belong to the
 * request that started the attempt: its correlation id, caused by the {@code AttemptQueuedEvent}, so the timeline's
 * chain of causes leads from every step back to that request.
 */
@Component
public class AttemptCommands {

    static final String RUNNER = "baton-runner";
    private final CommandGateway gateway;

    public AttemptCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Sends the command; answers false when the attempt refused it because it had ended meanwhile (cancelled, or
     * failed on its runtime limit), which is not an error for the runner: it just stops.
     */
    boolean send(RunQueue.Run run, Object command) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("user", RUNNER);
        if (run.correlationId() != null) {
            metaData.put("correlation_id", run.correlationId());
        }
        if (run.causeId() != null) {
            metaData.put("causation_id", run.causeId());
        }
        return unlessEnded(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
    }

    /**
     * Cancels an attempt because of the event being handled: the cancel carries that event's correlation data (the
     * person who stopped the task, and their request). Answers false when the attempt had ended already.
     */
    boolean cancel(String attemptId, String reason) {
        return unlessEnded(new CancelAttemptCommand(attemptId, reason));
    }

    private boolean unlessEnded(Object command) {
        try {
            gateway.sendAndWait(command);
            return true;
        } catch (DomainException e) {
            if (e.code() == ErrorCode.INVALID_STATE) {
                return false;
            }
            throw e;
        }
    }
}
