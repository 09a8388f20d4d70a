package dev.baton.projections.admin;

import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReplayAware;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ProjectionAdminTest {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor board = mock(StreamingEventProcessor.class);
    private final ProjectionGenerations generations = mock(ProjectionGenerations.class);
    private final TransactionTemplate transactions = mock(TransactionTemplate.class);
    private final ReplayAware memory = mock(ReplayAware.class);
    private final ProjectionAdmin admin;

    ProjectionAdminTest() {
        when(processing.eventProcessor(any(), eq(StreamingEventProcessor.class))).thenReturn(Optional.of(board));
        when(transactions.execute(any())).thenAnswer(call ->
                call.<TransactionCallback<?>>getArgument(0).doInTransaction(new SimpleTransactionStatus()));
        when(memory.projection()).thenReturn("board");
        admin = new ProjectionAdmin(processing, mock(EventStore.class), generations, transactions, mock(TokenStore.class),
                List.of(memory));
    }

    @Test
    void aReplayThatLostItsMemoryStartsOverInAFreshGeneration() {
        when(memory.replayLost()).thenReturn(true);
        when(generations.beginReplay(eq("board"), any(String[].class))).thenReturn(7);

        admin.finishCaughtUpReplays();

        InOrder order = inOrder(board, generations, memory);
        order.verify(board).shutDown();
        order.verify(generations).beginReplay(eq("board"), any(String[].class));
        order.verify(memory).replayStarting(7);
        order.verify(board).resetTokens();
        order.verify(board).start();
    }

    @Test
    void aReplayThatKeepsItsMemoryIsLeftRunning() {
        admin.finishCaughtUpReplays();

        verify(board, never()).shutDown();
        verify(memory, never()).replayStarting(any(Integer.class));
    }
}
