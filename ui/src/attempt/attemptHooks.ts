import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, attemptStreamPath, fetchAttempt, fetchLogPage } from './attemptApi';
import { coalesce, useEventStream } from '../stream';
import { changesAttempt, lastSeq, mergeMessages } from './logModel';
import type { Attempt, StreamMessage } from './types';

export const attemptKey = (id: string) => ['attempt', id] as const;

export const TERMINAL: ReadonlySet<string> = new Set(['merged', 'pr_created', 'failed', 'cancelled']);

function retry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The attempt. `streamedStatus` is the status its log last reported: the read model can be a moment behind the log,
 * so until the attempt shows that status it is read again.
 */
export function useAttempt(attemptId: string, streamedStatus?: string) {
  return useQuery<Attempt>({
    queryKey: attemptKey(attemptId),
    queryFn: ({ signal }) => fetchAttempt(attemptId, signal),
    retry,
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      if (streamedStatus !== undefined && status !== undefined && status !== streamedStatus) return 250;
      // A merge or pull request runs after the approve answer: look again until it is settled.
      return status === 'merging' ? 1500 : false;
    },
  });
}

export type LogStreamState = 'loading' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

export interface AttemptLog {
  messages: StreamMessage[];
  state: LogStreamState;
  error: string | null;
}

/** The log of one attempt as the stored pages left it; `streaming` once its stream is to be followed. */
interface LoadedLog extends Omit<AttemptLog, 'state'> {
  attemptId: string;
  state: 'loading' | 'streaming' | 'ended' | 'error';
}

/** Where the stream's messages go, and the seq to resume after (what has come so far is applied first). */
interface Inbox {
  add: (message: StreamMessage) => void;
  lastSeq: () => number | null;
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
  const [log, setLog] = useState<LoadedLog>({ attemptId, messages: [], state: 'loading', error: null });
  const followRef = useRef(follow);
  followRef.current = follow;
  /** Set while the stored pages are in and the stream waits for `follow` to be known. */
  const decideRef = useRef<((follow: boolean) => void) | null>(null);
  const inbox = useRef<Inbox | null>(null);

  useEffect(() => {
    if (follow !== null && decideRef.current) decideRef.current(follow);
  }, [follow]);

  useEffect(() => {
    let disposed = false;
    let messages: StreamMessage[] = [];
    let pending: StreamMessage[] = [];
    const abort = new AbortController();
    setLog({ attemptId, messages, state: 'loading', error: null });

    const show = (next: StreamMessage[]) => {
      if (next === messages) return;
      messages = next;
      setLog((l) => ({ ...l, messages }));
    };
    const refreshAttempt = coalesce(() => void queryClient.invalidateQueries({ queryKey: attemptKey(attemptId) }), 100);
    const flush = () => {
      const batch = pending;
      pending = [];
      show(mergeMessages(messages, batch));
      if (batch.some(changesAttempt)) refreshAttempt.run();
    };
    const flushSoon = coalesce(flush, flushMs);
    inbox.current = {
      add: (message) => {
        pending.push(message);
        flushSoon.run();
      },
      // a stream opened again starts after the last seq we have, so nothing comes twice
      lastSeq: () => {
        flushSoon.cancel();
        flush();
        return lastSeq(messages);
      },
    };

    (async () => {
      try {
        let after: number | null = null;
        for (;;) {
          const page = await fetchLogPage(attemptId, after, abort.signal);
          if (disposed) return;
          show(mergeMessages(messages, page.items ?? []));
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
        setLog((l) => ({ ...l, state: live && typeof EventSource !== 'undefined' ? 'streaming' : 'ended' }));
      };
      if (followRef.current === null) decideRef.current = decide;
      else decide(followRef.current);
    })();

    return () => {
      disposed = true;
      decideRef.current = null;
      abort.abort();
      flushSoon.cancel();
      refreshAttempt.cancel();
    };
  }, [attemptId, flushMs, queryClient]);

  const current = log.attemptId === attemptId;
  const stream = useEventStream(current && log.state === 'streaming' ? attemptId : null, {
    url: () => attemptStreamPath(attemptId, inbox.current?.lastSeq() ?? null),
    onMessage: (e) => {
      const message = streamMessageOf(e);
      if (message) inbox.current?.add(message);
    },
  });

  if (!current) return { messages: [], state: 'loading', error: null };
  const state = log.state !== 'streaming' ? log.state : stream === 'off' ? 'connecting' : stream;
  return { messages: log.messages, state, error: log.error };
}

/** A stream message, its seq taken from the SSE id when the data has none; null for anything else. */
function streamMessageOf(e: MessageEvent): StreamMessage | null {
  let m: StreamMessage;
  try {
    m = JSON.parse(e.data as string) as StreamMessage;
  } catch {
    return null;
  }
  if (typeof m?.seq === 'number') return m;
  const id = Number(e.lastEventId);
  return Number.isFinite(id) ? { ...m, seq: id } : null;
}
