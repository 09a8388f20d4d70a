package dev.baton.api.run;

import dev.baton.api.stream.SseHub;
import dev.baton.query.run.RunReadModel;
import dev.baton.query.support.ReadModelJson;
import dev.baton.runner.log.AttemptLog;
import dev.baton.runner.log.LogMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /runs/{id}/events} sends one subscriber: the run's items after its cursor (run and task status
 * changes, its attempts' status changes; their SSE id is the position of the event they come from), then the log
 * tails of the attempts at work: the lines each has logged since this stream last looked (the last
 * {@value #FIRST_TAIL} when it first sees the attempt), as {@code {type: "log", ...}} items. A log item carries the
 * id of the last run item sent, so a client that reconnects gets every run item after it and the tails from then on.
 */
final class RunStream implements SseHub.Source {

    static final int FIRST_TAIL = 20;
    private static final int PAGE = 200;
    private final String runId;
    private final RunReadModel runs;
    private final AttemptLog log;
    private final Map<String, Long> tailAfter = new HashMap<>();

    RunStream(String runId, RunReadModel runs, AttemptLog log) {
        this.runId = runId;
        this.runs = runs;
        this.log = log;
    }

    @Override
    public synchronized List<SseHub.Item> after(long cursor) {
        List<SseHub.Item> items = new ArrayList<>();
        for (RunReadModel.StreamItem item : runs.itemsAfter(runId, cursor, PAGE)) {
            items.add(new SseHub.Item(item.position(), ReadModelJson.read(item.json(), Map.class)));
        }
        if (!items.isEmpty()) {
            return items;
        }
        for (String attemptId : runs.runningAttempts(runId)) {
            List<LogMessage> lines = tailAfter.containsKey(attemptId)
                    ? log.after(attemptId, tailAfter.get(attemptId), PAGE) : log.last(attemptId, FIRST_TAIL);
            for (LogMessage line : lines) {
                items.add(new SseHub.Item(cursor, Map.of("type", "log", "attempt_id", attemptId, "message", line)));
                tailAfter.put(attemptId, line.seq());
            }
            tailAfter.putIfAbsent(attemptId, 0L);
        }
        return items;
    }
}
