import { useCallback, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, fetchBoard, fetchProjects, streamPath } from './api';

export const projectsKey = ['projects'] as const;
export const boardKey = (projectId: string) => ['board', projectId] as const;

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

export function useBoard(projectId: string | null) {
  return useQuery({
    queryKey: boardKey(projectId ?? ''),
    queryFn: ({ signal }) => fetchBoard(projectId!, signal),
    enabled: projectId !== null,
  });
}

function readProjectParam(): string | null {
  return new URLSearchParams(window.location.search).get('project') || null;
}

/** The `?project=<id>` URL parameter, kept in sync with browser history. */
export function useProjectParam(): [string | null, (projectId: string) => void] {
  const [projectId, setProjectId] = useState<string | null>(readProjectParam);

  useEffect(() => {
    const onPopState = () => setProjectId(readProjectParam());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const select = useCallback((next: string) => {
    const url = new URL(window.location.href);
    if (url.searchParams.get('project') !== next) {
      url.searchParams.set('project', next);
      window.history.pushState(null, '', url);
    }
    setProjectId(next);
  }, []);

  return [projectId, select];
}

export type StreamState = 'off' | 'connecting' | 'live' | 'reconnecting';

/**
 * Subscribe to the project's SSE stream and refetch the board (and the project
 * list, whose counts change too) whenever a message arrives. Bursts of
 * messages are coalesced into one refetch. EventSource reconnects on its own
 * after a dropped connection; only when the browser gives up for good (HTTP
 * error or wrong content type, readyState CLOSED) do we open a new one, with
 * backoff. Nothing is polled.
 */
export function useBoardStream(projectId: string | null, coalesceMs = 50): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('off');

  useEffect(() => {
    if (!projectId || typeof EventSource === 'undefined') {
      setState('off');
      return;
    }
    let source: EventSource | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenDelay = 1000;
    let missedSomething = false;
    let disposed = false;

    const refresh = () => {
      if (refreshTimer !== undefined) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: boardKey(projectId) });
        void queryClient.invalidateQueries({ queryKey: projectsKey });
      }, coalesceMs);
    };

    const open = () => {
      setState(missedSomething ? 'reconnecting' : 'connecting');
      const es = new EventSource(streamPath(projectId));
      source = es;
      es.onopen = () => {
        setState('live');
        reopenDelay = 1000;
        // Messages may have been missed while we were disconnected.
        if (missedSomething) {
          missedSomething = false;
          refresh();
        }
      };
      es.onmessage = () => refresh();
      es.onerror = () => {
        missedSomething = true;
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          if (disposed) return;
          setState('reconnecting');
          reopenTimer = setTimeout(open, reopenDelay);
          reopenDelay = Math.min(reopenDelay * 2, 30_000);
        } else {
          setState('reconnecting');
        }
      };
    };

    open();
    return () => {
      disposed = true;
      source?.close();
      clearTimeout(refreshTimer);
      clearTimeout(reopenTimer);
    };
  }, [projectId, queryClient, coalesceMs]);

  return state;
}
