// Server state of the plan and run pages (TanStack Query) and the run's live stream.
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { shouldRetry } from '../hooks';
import { ApiError } from '../api';
import { planApi, planPaths, type RunDiagram } from './api';
import { applyNodeEvent, parseRunEvent } from './runModel';

export const planKeys = {
  project: (projectId: string) => ['plan-project', projectId] as const,
  plan: (planId: string, version: number | null) => ['plan', planId, version] as const,
  agents: ['plan-agents'] as const,
  run: (runId: string) => ['run', runId] as const,
  diagram: (runId: string) => ['run-diagram', runId] as const,
};

const retry = shouldRetry;

/** A run just started may not be in the read model yet: its 404 is tried again a few times, soon. */
function retryUntilProjected(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status === 404) return failureCount < 6;
  return shouldRetry(failureCount, error);
}
const soon = 300;

export function usePlanProject(projectId: string) {
  return useQuery({ queryKey: planKeys.project(projectId), queryFn: () => planApi.project(projectId), retry });
}

/** A version of the plan (`version` null: the latest). */
export function usePlanVersion(planId: string | null, version: number | null) {
  return useQuery({
    queryKey: planKeys.plan(planId ?? '', version),
    queryFn: () => planApi.plan(planId!, version),
    enabled: planId !== null,
    retry,
  });
}

export function useAgents(enabled: boolean) {
  return useQuery({ queryKey: planKeys.agents, queryFn: () => planApi.agents(), enabled, retry });
}

export function useRun(runId: string) {
  return useQuery({
    queryKey: planKeys.run(runId),
    queryFn: () => planApi.run(runId),
    retry: retryUntilProjected,
    retryDelay: soon,
  });
}

export function useRunDiagram(runId: string) {
  return useQuery({
    queryKey: planKeys.diagram(runId),
    queryFn: () => planApi.diagram(runId),
    retry: retryUntilProjected,
    retryDelay: soon,
  });
}

export type StreamState = 'off' | 'connecting' | 'live' | 'reconnecting';

/**
 * Follows `/runs/{id}/events`: a node item recolours its node at once; every run, node or attempt item (not the log
 * tails) refetches the run and its diagram, bursts coalesced into one refetch. EventSource reconnects by itself
 * (with Last-Event-ID); when it gives up, a new one is opened with backoff.
 */
export function useRunStream(runId: string, coalesceMs = 100): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('off');

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('off');
      return;
    }
    let source: EventSource | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenDelay = 1000;
    let missed = false;
    let disposed = false;

    const refresh = () => {
      if (refreshTimer !== undefined) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: planKeys.run(runId) });
        void queryClient.invalidateQueries({ queryKey: planKeys.diagram(runId) });
      }, coalesceMs);
    };

    const open = () => {
      setState(missed ? 'reconnecting' : 'connecting');
      const es = new EventSource(planPaths.events(runId));
      source = es;
      es.onopen = () => {
        setState('live');
        reopenDelay = 1000;
        if (missed) {
          missed = false;
          refresh();
        }
      };
      es.onmessage = (message: MessageEvent) => {
        const event = parseRunEvent(String(message.data));
        if (event?.type === 'log') return;
        if (event?.type === 'node') {
          queryClient.setQueryData<RunDiagram>(planKeys.diagram(runId), (diagram) =>
            diagram ? applyNodeEvent(diagram, event) : diagram,
          );
        }
        refresh();
      };
      es.onerror = () => {
        missed = true;
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
  }, [runId, queryClient, coalesceMs]);

  return state;
}
