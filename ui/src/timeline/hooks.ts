import { useEffect, useMemo, useState } from 'react';
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
import { useEventStream } from '../stream';

export function useProjectList() {
  return useQuery({
    queryKey: ['timeline', 'projects'],
    queryFn: ({ signal }) => fetchProjectList(signal),
  });
}

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
  const timeBound = filters.after !== undefined && !/^\d+$/.test(filters.after);
  const live = useEventStream(isSuccess && !hasNextPage && !filters.before ? key : null, {
    // from just after the last event loaded either way (a time bound has no position to start after)
    url: () => timelineStreamPath(filters, last ?? (timeBound ? null : Number(filters.after ?? 0))),
    onMessage: (message) => {
      const event = timelineEventOf(message);
      if (!event) return;
      setStreamed((current) => {
        const items = current.key === key ? current.items : [];
        if (items.some((e) => e.position === event.position)) return current;
        return { key, items: [...items, event] };
      });
    },
  });

  return { events, pages, live };
}

/** The stream message's event, or null for anything else. */
function timelineEventOf(message: MessageEvent): TimelineEvent | null {
  try {
    const event = JSON.parse(message.data as string) as TimelineEvent;
    return event && typeof event.position === 'number' ? event : null;
  } catch {
    return null;
  }
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
