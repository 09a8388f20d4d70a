// Test helpers for the attempt view (fixtures, fetch routes, fake EventSource).
import { vi } from 'vitest';
import type { Attempt, StreamMessage } from './types';

export const ok = <T>(data: T) => ({ ok: true, data });
export const fail = (code: string, message: string, details?: Record<string, unknown>) => ({
  ok: false,
  error: { code, message, details },
});

let seqClock = 0;
export function msg(seq: number, kind: string, payload: Record<string, unknown>, attemptId = 'a1'): StreamMessage {
  seqClock = seq;
  return {
    type: 'event',
    attempt_id: attemptId,
    seq,
    ts: `2026-11-21T10:00:${String(seqClock % 60).padStart(2, '0')}.000Z`,
    event: { kind, payload },
  };
}
export const agent = (seq: number, payload: Record<string, unknown>) => msg(seq, 'AGENT', payload);

export function attempt(overrides: Partial<Attempt> = {}): Attempt {
  return {
    attempt_id: 'a1',
    task_id: 't1',
    project_id: 'p1',
    status: 'review_ready',
    agent_profile_id: 'ag1',
    agent_name: null,
    prompt: null,
    branch: 'baton/t1-a1',
    base_branch: 'main',
    base_commit: '0123456789abcdef',
    head_commit: 'fedcba9876543210',
    previous_attempt_id: null,
    feedback: null,
    created_at: '2026-11-21T10:00:00.000Z',
    started_at: '2026-11-21T10:00:01.000Z',
    finished_at: '2026-11-21T10:01:31.000Z',
    failure_reason: null,
    summary: 'Wrote hello.txt. Gates: test passed.',
    gates: [{ gate: 'test', exit_code: 0, duration_ms: 1234, output_ref: 'a1.gate-test' }],
    diff_stat: { files: 1, additions: 2, deletions: 0 },
    usage: { input_tokens: 1200, output_tokens: 340, cost_usd: 0.0123 },
    merge: null,
    artifacts: [],
    recent_events: [],
    version: 7,
    ...overrides,
  };
}

export { FakeEventSource } from '../test/FakeEventSource';

export type Reply = { status: number; body: unknown; text?: boolean };

/** A fetch mock answering from a route table keyed by "METHOD url" or just url (GET). */
export function routeFetch(routes: Record<string, Reply>) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const reply = routes[`${method} ${url}`] ?? (method === 'GET' ? routes[url] : undefined) ?? {
      status: 404,
      body: fail('NOT_FOUND', `No route ${method} ${url}`),
    };
    if (reply.text) {
      return new Response(String(reply.body), { status: reply.status, headers: { 'Content-Type': 'text/plain' } });
    }
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
}
