// Test helpers: a fetch mock routed by URL (and method), and a controllable EventSource.
import { vi } from 'vitest';
import type { TimelineEvent } from './api';

export type Reply = { status: number; body: unknown };

export const ok = <T>(data: T) => ({ ok: true, data });
export const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

/**
 * Routes "GET /path?query" (or just "/path?query" for GET) to a reply, or to a list of replies answered in turn
 * (the last one repeats).
 */
export function mockFetch(routes: Record<string, Reply | Reply[]>) {
  const calls: string[] = [];
  const fn = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const key = method === 'GET' ? url : `${method} ${url}`;
    calls.push(key);
    const route = routes[key] ?? routes[`${method} ${url}`];
    let reply: Reply;
    if (Array.isArray(route)) reply = route.length > 1 ? route.shift()! : route[0];
    else reply = route ?? { status: 404, body: fail('NOT_FOUND', `No route ${key}`) };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export { FakeEventSource } from '../test/FakeEventSource';

export function timelineEvent(position: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    position,
    event_id: `e${position}`,
    type: 'TaskMovedEvent',
    aggregate_type: 'Task',
    aggregate_id: 't1',
    sequence: position,
    timestamp: `2026-05-01T10:00:${String(position % 60).padStart(2, '0')}Z`,
    project_id: 'p1',
    payload: { project_id: 'p1', task_id: 't1' },
    metadata: { user: 'alice', correlation_id: `req-${position}`, causation_id: `cmd-${position}` },
    ...overrides,
  };
}
