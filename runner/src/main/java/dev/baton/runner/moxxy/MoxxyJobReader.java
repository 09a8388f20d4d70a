package dev.baton.runner.moxxy;

import dev.baton.core.moxxy.MoxxyJobEntry;
import dev.baton.core.moxxy.RecordMoxxyJobEventsCommand;
import dev.baton.core.moxxy.RecordMoxxyJobStateCommand;
import dev.baton.runner.store.DurableCommits;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one job on moxxy and records what is new on Baton's job: its status first, then its events list from the
 * cursor (so the entries read include those of the state read, such as a final {@code done}), then the state. The
 * job keeps each entry and each change of state once, so reading twice, or from two threads, records nothing twice.
 */
public final class MoxxyJobReader {

    /** moxxy's default page of events. */
    static final int PAGE = 200;

    private MoxxyJobReader() {
    }

    /**
     * Reads {@code job} through {@code client}, sends the record commands to {@code send}; answers the job read. A
     * change of state is made durable at once ({@code durable}): moxxy may not show a passing state again.
     */
    public static MoxxyJob read(MoxxyClient client, TrackedMoxxyJob job, Consumer<Object> send,
                                DurableCommits durable) {
        MoxxyJob read = client.job(job.agent(), job.moxxyJobId());
        long cursor = job.lastEventId();
        List<JobEvent> page;
        do {
            page = client.events(job.agent(), job.moxxyJobId(), cursor, PAGE);
            if (!page.isEmpty()) {
                send.accept(new RecordMoxxyJobEventsCommand(job.jobId(), page.stream().map(MoxxyJobReader::entry)
                        .toList()));
                cursor = page.get(page.size() - 1).id();
            }
        } while (page.size() == PAGE);
        String state = read.status().wire();
        if (!state.equals(job.state())) {
            send.accept(new RecordMoxxyJobStateCommand(job.jobId(), state,
                    read.error() != null ? read.error() : read.summary()));
            durable.now();
        }
        return read;
    }

    private static MoxxyJobEntry entry(JobEvent event) {
        return new MoxxyJobEntry(event.id(), event.eventType(), event.payloadJson(),
                event.createdAt() == null ? null : event.createdAt().toString());
    }
}
