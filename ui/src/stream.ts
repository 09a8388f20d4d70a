// The one way the UI follows a Server-Sent Events stream, and the coalescing of the refetches its messages cause.
import { useEffect, useMemo, useRef, useState } from 'react';
import { authPaths } from './auth/api';
import { call } from './http';

export type StreamState = 'off' | 'connecting' | 'live' | 'reconnecting';

export interface EventStream {
  /** The stream's address; `lastId` is the SSE id of the last message received (null before the first). */
  url: (lastId: string | null) => string;
  onMessage: (message: MessageEvent) => void;
  /** A connection is open; `resumed` after a dropped one, when messages may have been missed meanwhile. */
  onOpen?: (resumed: boolean) => void;
}

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * Follows the stream named by `key` (null: none) while mounted; a new key closes the old stream and opens the new
 * one. EventSource reconnects on its own after a dropped connection (with Last-Event-ID); only when the browser gives
 * up for good (an HTTP error or a wrong content type: readyState CLOSED) is a new one opened, at `url(lastId)`, after
 * 1 s, then twice as long each time up to 30 s. An EventSource never shows why it gave up, so the session is
 * checked then: a 401 (it expired, or was ended elsewhere) brings the sign-in page back like any other call's. The
 * callbacks are read afresh on each use, so they may change on every render.
 */
export function useEventStream(key: string | null, stream: EventStream): StreamState {
  const [state, setState] = useState<StreamState>('off');
  const latest = useRef(stream);
  latest.current = stream;

  useEffect(() => {
    if (key === null || typeof EventSource === 'undefined') {
      setState('off');
      return;
    }
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_DELAY_MS;
    let lastId: string | null = null;
    let dropped = false;
    let disposed = false;

    const open = () => {
      setState(dropped ? 'reconnecting' : 'connecting');
      const es = new EventSource(latest.current.url(lastId));
      source = es;
      es.onopen = () => {
        setState('live');
        delay = FIRST_DELAY_MS;
        const resumed = dropped;
        dropped = false;
        latest.current.onOpen?.(resumed);
      };
      es.onmessage = (message: MessageEvent) => {
        if (message.lastEventId) lastId = message.lastEventId;
        latest.current.onMessage(message);
      };
      es.onerror = () => {
        dropped = true;
        if (disposed) return;
        setState('reconnecting');
        if (es.readyState !== EventSource.CLOSED) return; // the browser tries again by itself
        es.close();
        checkSession();
        reopenTimer = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      };
    };

    open();
    return () => {
      disposed = true;
      source?.close();
      clearTimeout(reopenTimer);
    };
  }, [key]);

  return state;
}

/** Asks who is signed in, for the 401 it answers when no one is any more (`call` tells the sign-in gate). */
function checkSession() {
  call('GET', authPaths.me).catch(() => {
    // a 401 has been reported by `call`; anything else is the stream's own trouble, retried as usual
  });
}

export interface Coalesced {
  /** Asks for a run: the first call of a burst schedules one, `ms` later; the others add nothing. */
  run: () => void;
  cancel: () => void;
}

/** `fn` run at most once every `ms`, however many times it is asked for meanwhile. */
export function coalesce(fn: () => void, ms: number): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    run: () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** {@link coalesce} for a component: the latest `fn` runs, and nothing runs after unmount. Answers a stable `run`. */
export function useCoalesced(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const coalesced = useMemo(() => coalesce(() => latest.current(), ms), [ms]);
  useEffect(() => coalesced.cancel, [coalesced]);
  return coalesced.run;
}
