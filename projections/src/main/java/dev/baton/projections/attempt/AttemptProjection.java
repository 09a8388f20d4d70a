package dev.baton.projections.attempt;

import dev.baton.core.attempt.AttemptApprovedEvent;
import dev.baton.core.attempt.AttemptCancelledEvent;
import dev.baton.core.attempt.AttemptFailedEvent;
import dev.baton.core.attempt.AttemptGateFinishedEvent;
import dev.baton.core.attempt.AttemptGatesStartedEvent;
import dev.baton.core.attempt.AttemptMergeConflictFoundEvent;
import dev.baton.core.attempt.AttemptMergedEvent;
import dev.baton.core.attempt.AttemptPullRequestOpenedEvent;
import dev.baton.core.attempt.AttemptQueuedEvent;
import dev.baton.core.attempt.AttemptRunStartedEvent;
import dev.baton.core.attempt.AttemptSubmittedForReviewEvent;
import dev.baton.projections.support.ImmediateWrites;
import dev.baton.projections.support.ProjectionContext;
import dev.baton.query.attempt.AttemptReadModel;
import dev.baton.query.attempt.AttemptView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** Builds the attempts read model: each attempt's state as the API answers it, written as each event arrives. */
@Component
@ProcessingGroup(AttemptProjection.NAME)
public class AttemptProjection {

    public static final String NAME = "attempts";
    public static final String[] TABLES = {"rm_attempt"};

    private final AttemptReadModel attempts;
    private final ProjectionContext context;

    public AttemptProjection(AttemptReadModel attempts, ProjectionContext context) {
        this.attempts = attempts;
        this.context = context;
    }

    @EventHandler
    void on(AttemptQueuedEvent event, @Timestamp Instant at, TrackingToken token) {
        attempts.insert(gen(), AttemptView.queued(event.attemptId(), event.taskId(), event.projectId(),
                event.agentProfileId(), event.prompt(), event.branch(), event.targetBranch(), event.previousAttemptId(),
                event.feedback(), at),
                context.position(token));
    }

    @EventHandler
    void on(AttemptRunStartedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.started(event.baseBranch(), event.baseCommit(), at, version));
    }

    @EventHandler
    void on(AttemptGatesStartedEvent event, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withStatus("gates_running", null, null, version));
    }

    @EventHandler
    void on(AttemptGateFinishedEvent event, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withGate(new AttemptView.Gate(event.gate(), event.exitCode(),
                event.durationMs(), event.outputRef()), version));
    }

    @EventHandler
    void on(AttemptSubmittedForReviewEvent event, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.forReview(event.headCommit(), event.diffStat(), event.summary(),
                event.usage(), version));
    }

    @EventHandler
    void on(AttemptApprovedEvent event, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withMerge("merging",
                new AttemptView.Merge(event.mode().id(), null, null, null), null, version));
    }

    @EventHandler
    void on(AttemptMergedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withMerge("merged",
                new AttemptView.Merge("merge", event.commit(), null, null), at, version));
    }

    @EventHandler
    void on(AttemptMergeConflictFoundEvent event, @SequenceNumber long version) {
        // the approval's mode stays: a merge that conflicted, or a pull request that could not be opened
        change(event.attemptId(), view -> view.withMerge("review_ready", new AttemptView.Merge(
                view.merge() == null ? "merge" : view.merge().mode(), null, null,
                new AttemptView.Conflict(event.files(), event.message())), null, version));
    }

    @EventHandler
    void on(AttemptPullRequestOpenedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withMerge("pr_created",
                new AttemptView.Merge("pr", null, event.url(), null), at, version));
    }

    @EventHandler
    void on(AttemptFailedEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withStatus("failed", at, event.reason(), version));
    }

    @EventHandler
    void on(AttemptCancelledEvent event, @Timestamp Instant at, @SequenceNumber long version) {
        change(event.attemptId(), view -> view.withStatus("cancelled", at, event.reason(), version));
    }

    private void change(String attemptId, UnaryOperator<AttemptView> change) {
        int gen = gen();
        AttemptView before = attempts.attempt(gen, attemptId)
                .orElseThrow(() -> new IllegalStateException("no attempt " + attemptId));
        attempts.update(gen, change.apply(before));
    }

    /** Attempts change a few times each: they are written at once, in the generation this batch writes. */
    private int gen() {
        return context.batch(NAME, ImmediateWrites::new).gen();
    }
}
