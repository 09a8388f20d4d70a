package dev.baton.command.moxxy;

import dev.baton.command.directory.InMemoryBoardDirectory;
import dev.baton.core.common.ErrorCode;
import dev.baton.core.moxxy.MarkMoxxyJobStalledCommand;
import dev.baton.core.moxxy.MoxxyJobEntry;
import dev.baton.core.moxxy.MoxxyJobProgressedEvent;
import dev.baton.core.moxxy.MoxxyJobReachedAgainEvent;
import dev.baton.core.moxxy.MoxxyJobStalledEvent;
import dev.baton.core.moxxy.MoxxyJobStartedEvent;
import dev.baton.core.moxxy.MoxxyJobStateChangedEvent;
import dev.baton.core.moxxy.MoxxyJobStates;
import dev.baton.core.moxxy.MoxxyJobUnreachableEvent;
import dev.baton.core.moxxy.RecordMoxxyJobEventsCommand;
import dev.baton.core.moxxy.RecordMoxxyJobReachedCommand;
import dev.baton.core.moxxy.RecordMoxxyJobStateCommand;
import dev.baton.core.moxxy.RecordMoxxyJobUnreachableCommand;
import dev.baton.core.moxxy.StartMoxxyJobCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.baton.command.Refusal.invalidField;
import static dev.baton.command.Refusal.refused;
import static org.assertj.core.api.Assertions.assertThat;

class MoxxyJobTest {

    private static final String JOB = "0b0b0b0b-7777-4a5b-9c3d-000000000001";
    private static final String PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000001";
    private static final String OTHER_PROJECT = "7d0f6c2e-1111-4a5b-9c3d-000000000002";
    private static final String A = "9a1b2c3d-3333-4a5b-9c3d-00000000000a";
    private static final String B = "9a1b2c3d-3333-4a5b-9c3d-00000000000b";
    private static final String ELSEWHERE = "9a1b2c3d-3333-4a5b-9c3d-00000000000e";
    private static final MoxxyJobStartedEvent STARTED = new MoxxyJobStartedEvent(JOB, PROJECT, "mx-1", "default",
            List.of(A, B), 2);

    private FixtureConfiguration<MoxxyJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MoxxyJob.class);
        fixture.registerInjectableResource(new InMemoryBoardDirectory()
                .project(PROJECT, List.of("backlog"), false).project(OTHER_PROJECT, List.of("backlog"), false)
                .task(A, PROJECT, "backlog", "m", Set.of()).task(B, PROJECT, "backlog", "n", Set.of())
                .task(ELSEWHERE, OTHER_PROJECT, "backlog", "m", Set.of()));
    }

    private static MoxxyJobStateChangedEvent changed(String from, String to, String taskStatus, String detail) {
        return new MoxxyJobStateChangedEvent(JOB, PROJECT, from, to, taskStatus, List.of(A, B), detail);
    }

    @Test
    void aJobStartedFromTasksOfTheBoardLinksThem() {
        fixture.givenNoPriorActivity()
                .when(new StartMoxxyJobCommand(JOB, PROJECT, "mx-1", "default", List.of(A, B), 2))
                .expectEvents(STARTED);
    }

    @Test
    void tasksOfAnotherBoardOrNoTasksAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartMoxxyJobCommand(JOB, PROJECT, "mx-1", "default", List.of(A, ELSEWHERE), 2))
                .expectNoEvents().expectException(invalidField("task_ids"));
        fixture.givenNoPriorActivity()
                .when(new StartMoxxyJobCommand(JOB, PROJECT, "mx-1", "default", List.of(), 2))
                .expectNoEvents().expectException(invalidField("task_ids"));
    }

    @Test
    void eachChangeOfStateIsOneEventWithWhatItMeansForTheTasks() {
        fixture.given(STARTED).when(new RecordMoxxyJobStateCommand(JOB, "executing", null))
                .expectEvents(changed(null, "executing", "running", null));
        fixture.given(STARTED, changed(null, "executing", "running", null))
                .when(new RecordMoxxyJobStateCommand(JOB, "executing", null)).expectNoEvents();
        fixture.given(STARTED, changed(null, "executing", "running", null))
                .when(new RecordMoxxyJobStateCommand(JOB, "completed", "Merged"))
                .expectEvents(changed("executing", "completed", "done", "Merged"));
    }

    @Test
    void anEndedJobStaysEndedWhateverMoxxySaysLater() {
        fixture.given(STARTED, changed(null, "canceled", "stopped", null))
                .when(new RecordMoxxyJobStateCommand(JOB, "completed", "the late second done")).expectNoEvents();
        fixture.given(STARTED).when(new RecordMoxxyJobStateCommand(JOB, "sleeping", null))
                .expectNoEvents().expectException(refused(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void jobStatesMapOntoTaskStatusesAsTheContractSays() {
        assertThat(MoxxyJobStates.ACTIVE.stream().map(MoxxyJobStates::taskStatus).distinct().toList())
                .containsExactly("running");
        assertThat(MoxxyJobStates.taskStatus("completed")).isEqualTo("done");
        assertThat(MoxxyJobStates.taskStatus("failed")).isEqualTo("failed");
        assertThat(MoxxyJobStates.taskStatus("canceled")).isEqualTo("stopped");
    }

    private static MoxxyJobProgressedEvent progressed(long id, String type) {
        return new MoxxyJobProgressedEvent(JOB, PROJECT, id, type, "{}", "2026-11-24T10:00:00Z");
    }

    private static MoxxyJobEntry entry(long id, String type) {
        return new MoxxyJobEntry(id, type, "{}", "2026-11-24T10:00:00Z");
    }

    @Test
    void eachEntryOfMoxxysEventsListIsRecordedOnceInOrder() {
        fixture.given(STARTED)
                .when(new RecordMoxxyJobEventsCommand(JOB, List.of(entry(44, "worker_started"), entry(41, "job_started"))))
                .expectEvents(progressed(41, "job_started"), progressed(44, "worker_started"));
        // read again after a restart, from an older cursor: only what is new
        fixture.given(STARTED, progressed(41, "job_started"), progressed(44, "worker_started"))
                .when(new RecordMoxxyJobEventsCommand(JOB, List.of(entry(44, "worker_started"), entry(45, "done"))))
                .expectEvents(progressed(45, "done"));
        fixture.given(STARTED).when(new RecordMoxxyJobEventsCommand(JOB, List.of(entry(1, " "))))
                .expectNoEvents().expectException(invalidField("type"));
    }

    @Test
    void anOutageIsRecordedOnceAtItsStartAndOnceAtItsEnd() {
        MoxxyJobUnreachableEvent unreachable = new MoxxyJobUnreachableEvent(JOB, PROJECT, "connection refused");
        fixture.given(STARTED).when(new RecordMoxxyJobUnreachableCommand(JOB, "connection refused"))
                .expectEvents(unreachable);
        fixture.given(STARTED, unreachable).when(new RecordMoxxyJobUnreachableCommand(JOB, "still refused"))
                .expectNoEvents();
        fixture.given(STARTED).when(new RecordMoxxyJobReachedCommand(JOB)).expectNoEvents();
        fixture.given(STARTED, unreachable).when(new RecordMoxxyJobReachedCommand(JOB))
                .expectEvents(new MoxxyJobReachedAgainEvent(JOB, PROJECT, List.of(A, B)));
    }

    @Test
    void onlyAJobStillUnreachableIsStalled() {
        MoxxyJobUnreachableEvent unreachable = new MoxxyJobUnreachableEvent(JOB, PROJECT, "refused");
        MoxxyJobStalledEvent stalled = new MoxxyJobStalledEvent(JOB, PROJECT, "no answer for 600 s", List.of(A, B));
        fixture.given(STARTED, unreachable).when(new MarkMoxxyJobStalledCommand(JOB, "no answer for 600 s"))
                .expectEvents(stalled);
        fixture.given(STARTED, unreachable, stalled).when(new MarkMoxxyJobStalledCommand(JOB, "again"))
                .expectNoEvents();
        fixture.given(STARTED, unreachable, new MoxxyJobReachedAgainEvent(JOB, PROJECT, List.of(A, B)))
                .when(new MarkMoxxyJobStalledCommand(JOB, "late")).expectNoEvents();
        fixture.given(STARTED, unreachable, changed(null, "failed", "failed", "boom"))
                .when(new MarkMoxxyJobStalledCommand(JOB, "late")).expectNoEvents();
    }
}
