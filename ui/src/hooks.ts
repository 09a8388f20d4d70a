import { useCallback, useState } from 'react';
import { replaceEqualDeep, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  fetchAgents,
  fetchFilteredBoard,
  fetchProjects,
  fetchTask,
  moveTask,
  streamPath,
  type Board,
  type BoardFilters,
  type MoveRequest,
} from './api';
import { applyMove } from './board';
import { useCoalesced, useEventStream, type StreamState } from './stream';

export const projectsKey = ['projects'] as const;
export const agentsKey = ['agents'] as const;
export const taskKey = (taskId: string) => ['task', taskId] as const;
/**
 * ['board', projectId] is the prefix of every board query of a project (what the
 * stream invalidates); the filters, when there are any, are the third element.
 */
export function boardKey(projectId: string, filters?: BoardFilters) {
  const active = Object.fromEntries(Object.entries(filters ?? {}).filter(([, v]) => v));
  return Object.keys(active).length ? (['board', projectId, active] as const) : (['board', projectId] as const);
}

/** Retry transient failures, never a 4xx the server answered on purpose. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function useProjects() {
  return useQuery({
    queryKey: projectsKey,
    queryFn: ({ signal }) => fetchProjects(signal),
  });
}

/** Boards made by an optimistic move: already share what they can with the board they came from. */
const optimisticBoards = new WeakSet<object>();

/**
 * Structural sharing for boards: a board read from the server keeps the objects of the cards that did not
 * change (so they are not rendered again); an optimistic board is taken as it is, since the deep comparison
 * of a 2,000-card board would cost the drop several milliseconds.
 */
export function shareBoard(previous: unknown, next: unknown): unknown {
  return next && typeof next === 'object' && optimisticBoards.has(next) ? next : replaceEqualDeep(previous, next);
}

export function useBoard(projectId: string | null, filters?: BoardFilters) {
  return useQuery({
    queryKey: boardKey(projectId ?? '', filters),
    queryFn: ({ signal }) => fetchFilteredBoard(projectId!, filters, signal),
    enabled: projectId !== null,
    structuralSharing: shareBoard,
    // The stream keeps an open board current; a board opened again (after another page) is read again at once.
    refetchOnMount: 'always',
    // Keep the cards on screen while a new filter's board loads.
    placeholderData: (previous, previousQuery) =>
      previousQuery && previousQuery.queryKey[1] === projectId ? previous : undefined,
  });
}

export function useAgents() {
  return useQuery({ queryKey: agentsKey, queryFn: ({ signal }) => fetchAgents(signal) });
}

export function useTask(taskId: string | null) {
  return useQuery({
    queryKey: taskKey(taskId ?? ''),
    queryFn: ({ signal }) => fetchTask(taskId!, undefined, signal),
    enabled: taskId !== null,
  });
}

export interface MoveCommand extends MoveRequest {
  task_id: string;
}

/**
 * Move a card with an optimistic update: the card moves in the query cache at
 * once (synchronously, before the request is sent); when the server refuses the
 * move the board snaps back and `error` holds the server's message. Either way
 * the board is refetched afterwards.
 */
export function useMoveTask(projectId: string, filters?: BoardFilters) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const key = boardKey(projectId, filters);

  const move = useCallback(
    async (command: MoveCommand): Promise<boolean> => {
      const previous = queryClient.getQueryData<Board>(key);
      // A refetch under way would overwrite the optimistic board with the old one.
      void queryClient.cancelQueries({ queryKey: boardKey(projectId) });
      if (previous) {
        const next = applyMove(previous, command.task_id, command);
        optimisticBoards.add(next);
        queryClient.setQueryData<Board>(key, next);
      }
      setError(null);
      const { task_id, ...request } = command;
      try {
        await moveTask(task_id, request);
        return true;
      } catch (e) {
        if (previous) queryClient.setQueryData<Board>(key, previous);
        setError(e instanceof ApiError ? e : new ApiError(String(e), 'error', 0));
        return false;
      } finally {
        void queryClient.invalidateQueries({ queryKey: boardKey(projectId) });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryClient, projectId, JSON.stringify(key)],
  );

  return { move, error, clearError: useCallback(() => setError(null), []) };
}

/** At most one read of the project list a second, however busy the board's stream is (it reads every page). */
const PROJECTS_REFRESH_MS = 1000;

/**
 * Subscribe to the project's SSE stream and refetch the board (and the open task) whenever a message arrives, bursts
 * of messages coalesced into one refetch, and after a connection that dropped (messages may have been missed). The
 * project list, whose counts change too, is read again at most once every {@link PROJECTS_REFRESH_MS}. Nothing is
 * polled.
 */
export function useBoardStream(projectId: string | null, coalesceMs = 50): StreamState {
  const queryClient = useQueryClient();
  const refreshProjects = useCoalesced(
    () => void queryClient.invalidateQueries({ queryKey: projectsKey }),
    PROJECTS_REFRESH_MS,
  );
  const refresh = useCoalesced(() => {
    void queryClient.invalidateQueries({ queryKey: boardKey(projectId ?? '') });
    void queryClient.invalidateQueries({ queryKey: ['task'] });
    refreshProjects();
  }, coalesceMs);
  return useEventStream(projectId, {
    url: (after) => streamPath(projectId ?? '', after),
    onMessage: refresh,
    onOpen: (resumed) => resumed && refresh(),
  });
}
