package dev.baton.core.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * What became of an attempt of the run, reported by the run saga: {@code outcome} is one of {@link Outcome};
 * {@code detail} is the failure reason, the failed gates or the merge conflict's message; {@code files} the
 * conflicting files.
 */
public record RecordRunAttemptOutcomeCommand(@TargetAggregateIdentifier String runId, String taskId, String attemptId,
                                             Outcome outcome, String detail, List<String> files) {

    public enum Outcome {
        /** Agent and gates done, every gate passed. */
        REVIEW_READY,
        /** Agent done, a gate failed ({@code detail} names them). */
        GATES_FAILED,
        MERGED,
        MERGE_CONFLICT,
        FAILED,
        CANCELLED
    }
}
