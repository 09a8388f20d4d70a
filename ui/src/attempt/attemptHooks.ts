import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, attemptStreamPath, fetchAttempt, fetchLogPage } from './attemptApi';
import { changesAttempt, lastSeq, mergeMessages } from './logModel';
import type { Attempt, StreamMessage } from './types';

export const attemptKey = (id: string) => ['attempt', id] as const;

export const TERMINAL: ReadonlySet<string> = new Set(['merged', 'pr_created', 'failed', 'cancelled']);

function retry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function useAttempt(attemptId: string) {
  return useQuery<Attempt>({
    queryKey: attemptKey(attemptId),
    queryFn: ({ signal }) => fetchAttempt(attemptId, signal),
    retry,
    // A merge or pull request runs after the approve answer: look again until it is settled.
    refetchInterval: (q) => (q.state.data?.status === 'merging' ? 1500 : false),
  });
}

export type LogStreamState = 'loading' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

export interface AttemptLog {
  messages: StreamMessage[];
  state: LogStreamState;
  error: string | null;
}

/**
 * The attempt's log: every stored message (`/logs`, page by page), then the
 * live SSE stream from the last seq onwards. Messages are deduplicated by seq.
 * Bursts from the stream are applied together (one render per `flushMs`).
 * A message that changes the attempt (status, gate, usage, …) refetches it.
 * `follow` is read once the stored pages are in (null: not known yet, wait for
 * it): a finished attempt opens no stream.
 */
export function useAttemptLog(attemptId: string, follow: boolean | null, flushMs = 50): AttemptLog {
  const queryClient = useQueryClient();
  const [log, setLog] = useState<AttemptLog>({ messages: [], state: 'loading', error: null });
  const followRef = useRef(follow);
  followRef.current = follow;
  /** Set while the stored pages are in and the stream waits for `follow` to be known. */
  const decideRef = useRef<((follow: boolean) => void) | null>(null);

  useEffect(() => {
    if (follow !== null && decideRef.current) decideRef.current(follow);
  }, [follow]);

  useEffect(() => {
    let disposed = false;
    let messages: StreamMessage[] = [];
    let pending: StreamMessage[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenDelay = 1000;
    let source: EventSource | null = null;
    const abort = new AbortController();
    setLog({ messages: [], state: 'loading', error: null });

    const refreshAttempt = () => {
      if (refreshTimer !== undefined) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: attemptKey(attemptId) });
      }, 100);
    };

    const flush = () => {
      flushTimer = undefined;
      if (disposed || pending.length === 0) return;
      const batch = pending;
      pending = [];
      const next = mergeMessages(messages, batch);
      if (next !== messages) {
        messages = next;
        setLog((l) => ({ ...l, messages }));
      }
      if (batch.some(changesAttempt)) refreshAttempt();
    };

    const open = (reconnecting: boolean) => {
      if (disposed) return;
      setLog((l) => ({ ...l, state: reconnecting ? 'reconnecting' : 'connecting' }));
      const es = new EventSource(attemptStreamPath(attemptId, lastSeq(messages)));
      source = es;
      es.onopen = () => {
        reopenDelay = 1000;
        setLog((l) => ({ ...l, state: 'live', error: null }));
      };
      es.onmessage = (e: MessageEvent) => {
        let m: StreamMessage;
        try {
          m = JSON.parse(e.data as string) as StreamMessage;
        } catch {
          return;
        }
        if (typeof m?.seq !== 'number') {
          const id = Number(e.lastEventId);
          if (!Number.isFinite(id)) return;
          m = { ...m, seq: id };
        }
        pending.push(m);
        if (flushTimer === undefined) flushTimer = setTimeout(flush, flushMs);
      };
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          if (disposed) return;
          setLog((l) => ({ ...l, state: 'reconnecting' }));
          flush();
          // reopen after the last seq we have, so nothing comes twice
          reopenTimer = setTimeout(() => open(true), reopenDelay);
          reopenDelay = Math.min(reopenDelay * 2, 30_000);
        } else {
          setLog((l) => ({ ...l, state: 'reconnecting' }));
        }
      };
    };

    (async () => {
      try {
        let after: number | null = null;
        for (;;) {
          const page = await fetchLogPage(attemptId, after, abort.signal);
          if (disposed) return;
          messages = mergeMessages(messages, page.items ?? []);
          setLog((l) => ({ ...l, messages }));
          const next: number | null = page.next != null ? Number(page.next) : null;
          if (next === null || !Number.isFinite(next) || next === after || (page.items ?? []).length === 0) break;
          after = next;
        }
      } catch (e) {
        if (disposed || (e instanceof DOMException && e.name === 'AbortError')) return;
        setLog((l) => ({ ...l, state: 'error', error: (e as Error).message }));
        return;
      }
      if (disposed) return;
      const decide = (live: boolean) => {
        decideRef.current = null;
        if (disposed) return;
        if (live && typeof EventSource !== 'undefined') open(false);
        else setLog((l) => ({ ...l, state: 'ended' }));
      };
      if (followRef.current === null) decideRef.current = decide;
      else decide(followRef.current);
    })();

    return () => {
      disposed = true;
      decideRef.current = null;
      abort.abort();
      source?.close();
      clearTimeout(flushTimer);
      clearTimeout(reopenTimer);
      clearTimeout(refreshTimer);
    };
  }, [attemptId, flushMs, queryClient]);

  return log;
}
