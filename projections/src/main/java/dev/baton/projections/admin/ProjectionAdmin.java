package dev.baton.projections.admin;

import dev.baton.core.common.DomainException;
import dev.baton.projections.agent.AgentProfileProjection;
import dev.baton.projections.attempt.AttemptProjection;
import dev.baton.projections.moxxy.MoxxyConnectionProjection;
import dev.baton.projections.plan.PlanProjection;
import dev.baton.projections.run.RunProjection;
import dev.baton.projections.board.BoardProjection;
import dev.baton.projections.timeline.TimelineProjection;
import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReplayAware;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Shows where each projection is and rebuilds one from the first event. A replay writes a new generation of
 * the read model while reads keep answering from the current one; once every segment has passed the point
 * where the replay began, the new generation is served and the old one dropped. A projection that keeps part of a
 * replay in memory ({@link ReplayAware}) writes it out as its generation is served, and its replay starts over if
 * that memory was lost.
 */
@Component
public class ProjectionAdmin {

    private static final Map<String, String[]> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(BoardProjection.NAME, BoardProjection.TABLES);
        TABLES.put(AgentProfileProjection.NAME, AgentProfileProjection.TABLES);
        TABLES.put(TimelineProjection.NAME, TimelineProjection.TABLES);
        TABLES.put(AttemptProjection.NAME, AttemptProjection.TABLES);
        TABLES.put(PlanProjection.NAME, PlanProjection.TABLES);
        TABLES.put(RunProjection.NAME, RunProjection.TABLES);
        TABLES.put(MoxxyConnectionProjection.NAME, MoxxyConnectionProjection.TABLES);
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProjectionGenerations generations;
    private final TransactionTemplate transactions;
    private final TokenStore tokenStore;
    private final Map<String, ReplayAware> replayAware = new HashMap<>();

    public ProjectionAdmin(EventProcessingConfiguration processing, EventStore eventStore,
                           ProjectionGenerations generations, TransactionTemplate transactions, TokenStore tokenStore,
                           List<ReplayAware> replayAware) {
        this.tokenStore = tokenStore;
        replayAware.forEach(aware -> this.replayAware.put(aware.projection(), aware));
        this.processing = processing;
        this.eventStore = eventStore;
        this.generations = generations;
        this.transactions = transactions;
    }

    public List<ProjectionStatus> statuses() {
        long head = position(eventStore.createHeadToken());
        return TABLES.keySet().stream().map(name -> status(name, head)).toList();
    }

    public boolean exists(String name) {
        return TABLES.containsKey(name);
    }

    /** Starts rebuilding a projection; answers at once, progress shows in {@link #statuses()}. */
    public synchronized ProjectionStatus replay(String name) {
        if (!exists(name)) {
            throw DomainException.notFound("projection", name);
        }
        if (generations.replaying(name)) {
            throw DomainException.invalidState("projection " + name + " is already being replayed");
        }
        start(name);
        return status(name, position(eventStore.createHeadToken()));
    }

    private void start(String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        Integer gen = transactions.execute(tx -> generations.beginReplay(name, TABLES.get(name)));
        ReplayAware aware = replayAware.get(name);
        if (aware != null) {
            aware.replayStarting(gen);
        }
        processor.resetTokens();
        processor.start();
    }

    /** Serves a replayed generation as soon as its replay has caught up; starts a replay that lost its memory again. */
    @Scheduled(fixedDelayString = "${baton.projections.replay-check-ms:1000}")
    public synchronized void finishCaughtUpReplays() {
        for (String name : TABLES.keySet()) {
            ReplayAware aware = replayAware.get(name);
            if (aware != null && aware.replayLost()) {
                start(name);
            } else if (generations.replaying(name) && caughtUp(processor(name))) {
                Runnable finish = () -> generations.finishReplay(name, TABLES.get(name));
                if (aware != null) {
                    aware.serveReplayed(finish);
                } else {
                    transactions.executeWithoutResult(tx -> finish.run());
                }
            }
        }
    }

    private ProjectionStatus status(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(0);
        boolean replaying = generations.replaying(name);
        Double progress = null;
        if (replaying) {
            progress = segments.stream().filter(segment -> !pastReset(segment))
                    .mapToDouble(s -> fraction(s.getCurrentPosition(), s.getResetPosition()))
                    .min().orElse(segments.isEmpty() ? 0.0 : 1.0);
        }
        return new ProjectionStatus(name, position, Math.max(0, head - position), replaying ? "replaying" : "live", progress);
    }

    private boolean caughtUp(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        int[] segments = transactions.execute(tx -> tokenStore.fetchSegments(processor.getName()));
        // Every segment must be claimed again (so its status is known) and have passed the point of the reset.
        return segments != null && status.size() >= Math.max(1, segments.length)
                && status.values().stream().allMatch(ProjectionAdmin::pastReset);
    }

    /**
     * A segment is done replaying once its position reaches the reset point; its token only stops being a replay
     * token when a later event arrives, so {@code isReplaying()} alone would wait for new traffic.
     */
    private static boolean pastReset(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return true;
        }
        OptionalLong current = segment.getCurrentPosition();
        OptionalLong reset = segment.getResetPosition();
        return current.isPresent() && reset.isPresent() && current.getAsLong() >= reset.getAsLong();
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    private static double fraction(OptionalLong current, OptionalLong target) {
        if (current.isEmpty() || target.isEmpty() || target.getAsLong() <= 0) {
            return 0.0;
        }
        return Math.min(1.0, (double) current.getAsLong() / target.getAsLong());
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
