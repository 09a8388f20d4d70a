// Server state of the plan and run pages (TanStack Query) and the run's live stream.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { shouldRetry } from '../hooks';
import { ApiError } from '../api';
import { useCoalesced, useEventStream, type StreamState } from '../stream';
import { planApi, planPaths, type RunDiagram } from './api';
import { addToTail, applyNodeEvent, parseRunEvent, type LogTails } from './runModel';

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

/**
 * Follows `/runs/{id}/events`: a node item recolours its node at once; every run, node or attempt item refetches the
 * run and its diagram, bursts coalesced into one refetch, as does a connection that dropped; a log item adds to its
 * attempt's tail. A stream opened again resumes after the last item it had.
 */
export function useRunStream(runId: string, coalesceMs = 100): { state: StreamState; tails: LogTails } {
  const queryClient = useQueryClient();
  const [tails, setTails] = useState<{ runId: string; tails: LogTails }>({ runId, tails: {} });
  const refresh = useCoalesced(() => {
    void queryClient.invalidateQueries({ queryKey: planKeys.run(runId) });
    void queryClient.invalidateQueries({ queryKey: planKeys.diagram(runId) });
  }, coalesceMs);
  const state = useEventStream(runId, {
    url: (after) => planPaths.events(runId, after),
    onMessage: (message) => {
      const event = parseRunEvent(String(message.data));
      if (event?.type === 'log') {
        setTails((current) => {
          const mine = current.runId === runId ? current.tails : {};
          const next = addToTail(mine, event);
          return next === current.tails ? current : { runId, tails: next };
        });
        return;
      }
      if (event?.type === 'node') {
        queryClient.setQueryData<RunDiagram>(planKeys.diagram(runId), (diagram) =>
          diagram ? applyNodeEvent(diagram, event) : diagram,
        );
      }
      refresh();
    },
    onOpen: (resumed) => resumed && refresh(),
  });
  return { state, tails: tails.runId === runId ? tails.tails : {} };
}
