import { describe, expect, it } from 'vitest';
import {
  autoScrollAfterScroll,
  buildRows,
  gateCommands,
  isAtBottom,
  lastStatus,
  mergeMessages,
  rawLine,
  toRow,
} from './logModel';
import { agent, msg } from './testSupport';

describe('mergeMessages', () => {
  it('appends newer messages and drops ones it already has', () => {
    const stored = [msg(1, 'LOG', { message: 'a' }), msg(2, 'LOG', { message: 'b' })];
    const streamed = [msg(2, 'LOG', { message: 'b again' }), msg(3, 'LOG', { message: 'c' })];
    const merged = mergeMessages(stored, streamed);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(merged[1].event.payload.message).toBe('b');
  });

  it('sorts out-of-order arrivals and keeps the same array when nothing is new', () => {
    const a = [msg(1, 'LOG', {}), msg(5, 'LOG', {})];
    const merged = mergeMessages(a, [msg(3, 'LOG', {}), msg(5, 'LOG', {}), msg(4, 'LOG', {})]);
    expect(merged.map((m) => m.seq)).toEqual([1, 3, 4, 5]);
    expect(mergeMessages(merged, [msg(4, 'LOG', {})])).toBe(merged);
    expect(mergeMessages(merged, [])).toBe(merged);
  });

  it('handles 10,000 messages quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => msg(i + 1, 'LOG', { level: 'info', message: `line ${i}` }));
    const t0 = performance.now();
    const merged = mergeMessages(mergeMessages([], many.slice(0, 5000)), many.slice(4500));
    const rows = buildRows(merged);
    expect(rows).toHaveLength(10_000);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('rows', () => {
  it('turns every kind of stream message into a row', () => {
    const kinds = [
      msg(1, 'STATUS', { from: 'queued', to: 'running' }),
      msg(2, 'PROGRESS', { phase: 'agent', step: 2, total: 3, message: 'starting the agent' }),
      msg(3, 'COMMAND', { cmd: 'claude -p', cwd: '/w' }),
      agent(4, { kind: 'session', session_id: 's1', model: 'sonnet' }),
      agent(5, { kind: 'message', role: 'assistant', text: 'I will write hello.txt' }),
      agent(6, { kind: 'reasoning', text: 'thinking' }),
      agent(7, { kind: 'tool_call', id: 't1', name: 'WebSearch', status: 'completed', output: 'found' }),
      agent(8, { kind: 'command', id: 'c1', command: 'ls', status: 'completed', exit_code: 0, output: 'a\nb' }),
      agent(9, { kind: 'file_change', id: 'f1', changes: [{ path: 'hello.txt', kind: 'add' }], status: 'completed' }),
      agent(10, { kind: 'todo', items: [{ text: 'write', done: true }] }),
      agent(11, { kind: 'usage', input_tokens: 10, output_tokens: 5, cost_usd: 0.01, cumulative: false }),
      agent(12, { kind: 'error', message: 'rate limited', fatal: false, code: 'rate_limit' }),
      agent(13, { kind: 'done', status: 'success', result_text: 'All done', duration_ms: 900 }),
      msg(14, 'LOG', { level: 'info', message: 'PASS', gate: 'test' }),
      msg(15, 'GATE_RESULT', { gate: 'test', exit_code: 0, output_ref: 'a1.gate-test' }),
      msg(16, 'ARTIFACT', { kind: 'diff', ref: 'a1.diff' }),
      msg(17, 'ERROR', { message: 'boom', detail: 'stack' }),
      msg(18, 'SOMETHING_NEW', { x: 1 }),
    ];
    expect(buildRows(kinds).map((r) => r.kind)).toEqual([
      'status',
      'progress',
      'command',
      'session',
      'message',
      'reasoning',
      'tool',
      'command',
      'file_change',
      'todo',
      'usage',
      'error',
      'done',
      'log',
      'gate',
      'artifact',
      'error',
      'other',
    ]);
    const err = toRow(kinds[16]);
    expect(err).toMatchObject({ kind: 'error', message: 'boom', detail: 'stack', fatal: true });
    expect(rawLine(kinds[4])).toBe('10:00:05.000 AGENT message I will write hello.txt');
    expect(rawLine(kinds[13])).toBe('10:00:14.000 LOG PASS');
  });

  it('merges a command started then completed into one row, and joins message chunks', () => {
    const rows = buildRows([
      agent(1, { kind: 'command', id: 'c1', command: 'npm test', status: 'started' }),
      agent(2, { kind: 'message', role: 'assistant', text: 'Hel', delta: true, id: 'm1' }),
      agent(3, { kind: 'message', role: 'assistant', text: 'lo', delta: true, id: 'm1' }),
      agent(4, { kind: 'command', id: 'c1', command: 'npm test', status: 'failed', exit_code: 1, output: 'FAIL' }),
      agent(5, { kind: 'message', role: 'assistant', text: 'A', delta: true }),
      agent(6, { kind: 'message', role: 'assistant', text: 'B', delta: true }),
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ kind: 'command', status: 'failed', exitCode: 1, output: 'FAIL', seq: 1 });
    expect(rows[1]).toMatchObject({ kind: 'message', text: 'Hello' });
    expect(rows[2]).toMatchObject({ kind: 'message', text: 'AB' });
  });
});

describe('gateCommands', () => {
  it('finds the command line logged before each gate', () => {
    expect(
      gateCommands([
        msg(1, 'COMMAND', { cmd: 'claude -p', cwd: '/w' }),
        msg(2, 'LOG', { message: 'agent output' }),
        msg(3, 'COMMAND', { cmd: 'npm ci', cwd: '/w' }),
        msg(4, 'LOG', { message: 'added 10 packages', gate: 'install' }),
        msg(5, 'GATE_RESULT', { gate: 'install', exit_code: 0 }),
        msg(6, 'COMMAND', { cmd: 'npm test', cwd: '/w' }),
        msg(7, 'GATE_RESULT', { gate: 'test', exit_code: 1 }),
      ]),
    ).toEqual({ install: 'npm ci', test: 'npm test' });
  });
});

describe('auto-scroll rule', () => {
  it('turns off when the reader scrolls up, stays otherwise', () => {
    expect(autoScrollAfterScroll(true, 500, 300, false)).toBe(false);
    expect(autoScrollAfterScroll(true, 300, 500, true)).toBe(true);
    expect(autoScrollAfterScroll(true, 500, 490, true)).toBe(true);
    expect(autoScrollAfterScroll(false, 300, 500, true)).toBe(false);
    expect(isAtBottom({ scrollTop: 380, scrollHeight: 1000, clientHeight: 600 })).toBe(true);
    expect(isAtBottom({ scrollTop: 100, scrollHeight: 1000, clientHeight: 600 })).toBe(false);
  });
});

describe('lastStatus', () => {
  it('is the status the last STATUS message moved to', () => {
    const messages = [msg(1, 'STATUS', { from: 'queued', to: 'running' }), agent(2, { kind: 'message', text: 'hi' }),
      msg(3, 'STATUS', { from: 'running', to: 'gates_running' }), msg(4, 'LOG', { line: 'ok' })];
    expect(lastStatus(messages)).toBe('gates_running');
    expect(lastStatus([agent(1, { kind: 'message', text: 'hi' })])).toBeUndefined();
  });
});
