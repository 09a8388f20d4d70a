import { useEffect, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  fetchBoardAsOf,
  fetchCauses,
  fetchProjectList,
  fetchProjections,
  fetchTimeline,
  timelineStreamPath,
  type TimelineEvent,
  type TimelineFilters,
} from './api';
import { filtersKey, lastPosition, mergeEvents } from './state';

export function useProjectList() {
  return useQuery({
    queryKey: ['timeline', 'projects'],
    queryFn: ({ signal }) => fetchProjectList(signal),
  });
}

export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting';

/**
 * The timeline for these filters: pages in store order (`next` is the cursor of the following page), then, once
 * the last page is loaded and no upper bound is set, the live stream from just after the last loaded event.
 * Events arriving both ways are kept once.
 */
export function useTimelineEvents(filters: TimelineFilters, options: { loadAll?: boolean } = {}) {
  const key = filtersKey(filters);
  const pages = useInfiniteQuery({
    queryKey: ['timeline', 'events', key],
    queryFn: ({ pageParam, signal }) => fetchTimeline(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime: Infinity,
  });
  const [streamed, setStreamed] = useState<{ key: string; items: TimelineEvent[] }>({ key, items: [] });
  const streamedItems = streamed.key === key ? streamed.items : [];

  const events = useMemo(
    () => mergeEvents(pages.data?.pages.map((page) => page.items) ?? [], streamedItems),
    [pages.data, streamedItems],
  );

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isSuccess } = pages;
  useEffect(() => {
    if (options.loadAll && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [options.loadAll, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const last = lastPosition(events);
  const lastRef = useRef(last);
  lastRef.current = last;
  const timeBound = filters.after !== undefined && !/^\d+$/.test(filters.after);
  const live = useTimelineStream(
    filters,
    isSuccess && !hasNextPage && !filters.before,
    () => lastRef.current ?? (timeBound ? null : Number(filters.after ?? 0)),
    (event) =>
      setStreamed((current) => {
        const items = current.key === key ? current.items : [];
        if (items.some((e) => e.position === event.position)) return current;
        return { key, items: [...items, event] };
      }),
  );

  return { events, pages, live };
}

/** Opens /timeline/stream while {@code enabled}; reopens (with backoff) only when the browser gives up. */
function useTimelineStream(
  filters: TimelineFilters,
  enabled: boolean,
  after: () => number | null,
  onEvent: (event: TimelineEvent) => void,
): LiveState {
  const [state, setState] = useState<LiveState>('off');
  const key = filtersKey(filters);
  const afterRef = useRef(after);
  afterRef.current = after;
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setState('off');
      return;
    }
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let disposed = false;

    const open = (reconnecting: boolean) => {
      setState(reconnecting ? 'reconnecting' : 'connecting');
      const es = new EventSource(timelineStreamPath(filtersRef.current, afterRef.current()));
      source = es;
      es.onopen = () => {
        setState('live');
        delay = 1000;
      };
      es.onmessage = (message: MessageEvent) => {
        try {
          const event = JSON.parse(message.data as string) as TimelineEvent;
          if (event && typeof event.position === 'number') onEventRef.current(event);
        } catch {
          // not an event (a comment or a keep-alive never reaches onmessage; anything else is ignored)
        }
      };
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          if (disposed) return;
          setState('reconnecting');
          reopenTimer = setTimeout(() => open(true), delay);
          delay = Math.min(delay * 2, 30_000);
        } else {
          setState('reconnecting');
        }
      };
    };
    open(false);
    return () => {
      disposed = true;
      source?.close();
      clearTimeout(reopenTimer);
    };
  }, [enabled, key]);

  return state;
}

export function useCauses(eventId: string | undefined) {
  return useQuery({
    queryKey: ['timeline', 'causes', eventId ?? ''],
    queryFn: ({ signal }) => fetchCauses(eventId!, signal),
    enabled: !!eventId,
    staleTime: Infinity,
  });
}

/** The board of a project as it was at a store position; keeps showing the previous one while the next loads. */
export function useBoardAsOf(projectId: string | null, position: number | null) {
  return useQuery({
    queryKey: ['timeline', 'board-as-of', projectId ?? '', position ?? -1],
    queryFn: ({ signal }) => fetchBoardAsOf(projectId!, position!, signal),
    enabled: !!projectId && position !== null,
    staleTime: Infinity,
    placeholderData: (previous, previousQuery) =>
      previousQuery && previousQuery.queryKey[2] === projectId ? previous : undefined,
  });
}

/** A value that follows {@code value} once it has stopped changing for {@code ms}. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms <= 0) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms <= 0 ? value : settled;
}

/** The projections; polled every {@code pollMs} while one is being replayed (or a replay was just started). */
export function useProjections(pollMs: number, pollAnyway: boolean) {
  return useQuery({
    queryKey: ['timeline', 'projections'],
    queryFn: ({ signal }) => fetchProjections(signal),
    refetchInterval: (query) =>
      pollAnyway || query.state.data?.some((p) => p.status === 'replaying') ? pollMs : false,
  });
}
