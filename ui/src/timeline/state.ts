// The timeline page's state as it lives in the query of the hash route (#/timeline?project_id=…&type=…),
// and the pure helpers behind the list (merging pages with streamed events).
import { FILTER_KEYS, type TimelineEvent, type TimelineFilters } from './api';

export type Order = 'store' | 'newest';

export interface TimelineView {
  filters: TimelineFilters;
  order: Order;
  /** The selected event's id. */
  event?: string;
  /** The time slider's position (absent: the latest loaded event). */
  at?: number;
}

export function readView(params: URLSearchParams): TimelineView {
  const filters: TimelineFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const at = params.get('at');
  const position = at !== null && /^\d+$/.test(at) ? Number(at) : undefined;
  return {
    filters,
    order: params.get('order') === 'newest' ? 'newest' : 'store',
    event: params.get('event') || undefined,
    at: position,
  };
}

export function writeView(view: TimelineView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = view.filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (view.order === 'newest') params.set('order', 'newest');
  if (view.event) params.set('event', view.event);
  if (view.at !== undefined) params.set('at', String(view.at));
  return params;
}

/** A stable key for the filters (react-query key, stream identity). */
export function filtersKey(filters: TimelineFilters): string {
  return FILTER_KEYS.map((key) => `${key}=${filters[key] ?? ''}`).join('&');
}

/**
 * The events of the loaded pages and of the stream, each once (by position), in store order. The stream resumes
 * after the last loaded position and reconnects with Last-Event-ID, but a page fetched again or a reconnect
 * racing a page can still bring an event twice.
 */
export function mergeEvents(pages: readonly TimelineEvent[][], streamed: readonly TimelineEvent[]): TimelineEvent[] {
  const byPosition = new Map<number, TimelineEvent>();
  for (const page of pages) for (const event of page) byPosition.set(event.position, event);
  for (const event of streamed) if (!byPosition.has(event.position)) byPosition.set(event.position, event);
  return [...byPosition.values()].sort((a, b) => a.position - b.position);
}

/** The highest position loaded, or null. */
export function lastPosition(events: readonly TimelineEvent[]): number | null {
  return events.length ? events[events.length - 1].position : null;
}

/** The index of the last event at or before {@code position} (0 if all are after it). */
export function indexAtOrBefore(positions: readonly number[], position: number): number {
  let lo = 0;
  let hi = positions.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid] <= position) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as the value of a datetime-local input (local time); anything else (a position) as ''. */
export function isoToLocalInput(value: string | undefined): string {
  if (!value || /^\d+$/.test(value)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A datetime-local input's value (local time) as an ISO-8601 instant, or undefined when empty or invalid. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The project an event belongs to, if it names one. */
export function projectOf(event: TimelineEvent | undefined | null): string | null {
  if (!event) return null;
  if (event.project_id) return event.project_id;
  const fromPayload = event.payload?.project_id;
  if (typeof fromPayload === 'string') return fromPayload;
  return event.aggregate_type === 'Project' ? event.aggregate_id : null;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
