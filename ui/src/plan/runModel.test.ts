import { describe, expect, it } from 'vitest';
import type { RunNode } from './api';
import { msg } from '../attempt/testSupport';
import {
  addToTail,
  applyNodeEvent,
  countsOf,
  formatCost,
  formatElapsed,
  nodeControls,
  parseRunEvent,
  runControls,
  tailLines,
  TAIL_LINES,
  TAIL_MESSAGES,
  runElkInput,
  statusColour,
  STATUS_COLOURS,
} from './runModel';
import { sampleDiagram } from './testData';

describe('run status colours', () => {
  it('maps every node status to its colour, unknown ones to pending grey', () => {
    expect(statusColour('pending')).toBe('#9ca3af');
    expect(statusColour('running')).toBe('#2563eb');
    expect(statusColour('review')).toBe('#9333ea');
    expect(statusColour('blocked')).toBe('#c2410c');
    expect(statusColour('done')).toBe('#15803d');
    expect(statusColour('failed')).toBe('#dc2626');
    expect(statusColour('paused')).toBe('#eab308');
    expect(statusColour('stopped')).toBe('#1f2937');
    expect(statusColour('whatever')).toBe(STATUS_COLOURS.pending);
    expect(new Set(Object.values(STATUS_COLOURS)).size).toBe(8);
  });
});

describe('run controls', () => {
  it('enables pause, resume and cancel per run status', () => {
    expect(runControls('running')).toEqual({ pause: true, resume: false, cancel: true });
    expect(runControls('queued')).toEqual({ pause: true, resume: false, cancel: true });
    expect(runControls('paused')).toEqual({ pause: false, resume: true, cancel: true });
    for (const over of ['completed', 'failed', 'cancelled']) {
      expect(runControls(over)).toEqual({ pause: false, resume: false, cancel: false });
    }
    expect(runControls(undefined)).toEqual({ pause: false, resume: false, cancel: false });
  });

  it('enables a node’s controls per its status while the run is live', () => {
    const node = (status: RunNode['status'], attempt: string | null = null): RunNode => ({
      task_id: 't',
      key: 'k',
      title: 'T',
      status,
      attempt_id: attempt,
    });
    expect(nodeControls(node('running', 'a'), 'running')).toEqual({
      pause: true, resume: false, stop: true, promote: false, attempt: true,
    });
    expect(nodeControls(node('paused', 'a'), 'running')).toMatchObject({ pause: false, resume: true, stop: true });
    expect(nodeControls(node('review', 'a'), 'running')).toMatchObject({ promote: true, stop: true, pause: false });
    expect(nodeControls(node('done', 'a'), 'running')).toEqual({
      pause: false, resume: false, stop: false, promote: false, attempt: true,
    });
    expect(nodeControls(node('running', 'a'), 'cancelled')).toEqual({
      pause: false, resume: false, stop: false, promote: false, attempt: true,
    });
  });
});

describe('run DAG and figures', () => {
  it('lays a dependency out before the task that needs it', () => {
    const input = runElkInput(sampleDiagram());
    expect(input.layoutOptions['elk.direction']).toBe('RIGHT');
    expect(input.edges).toContainEqual({ id: 'task-id-a1->task-id-a2', sources: ['task-id-a1'], targets: ['task-id-a2'] });
    expect(input.edges).toHaveLength(9);
  });

  it('counts every status, formats elapsed time and cost', () => {
    expect(countsOf({ done: 2 })).toContainEqual(['done', 2]);
    expect(countsOf({ done: 2 })).toContainEqual(['failed', 0]);
    expect(countsOf(undefined)).toHaveLength(8);
    expect(formatElapsed(12_400)).toBe('12s');
    expect(formatElapsed(187_000)).toBe('3m 07s');
    expect(formatElapsed(3_725_000)).toBe('1h 02m 05s');
    expect(formatCost(0.0123)).toBe('$0.0123');
    expect(formatCost(12.5)).toBe('$12.50');
  });

  it('reads stream items and applies a node item to the diagram', () => {
    expect(parseRunEvent('not json')).toBeNull();
    const event = parseRunEvent(JSON.stringify({ type: 'node', task_id: 'task-id-a1', status: 'running', attempt_id: 'att-9' }));
    expect(event?.type).toBe('node');
    const next = applyNodeEvent(sampleDiagram(), event as Extract<typeof event, { type: 'node' }>);
    expect(next.nodes.find((n) => n.key === 'a1')).toMatchObject({ status: 'running', attempt_id: 'att-9' });
    expect(next.nodes.find((n) => n.key === 'a2')?.status).toBe('pending');
  });
});

describe('log tails', () => {
  const log = (seq: number, message: string, attemptId = 'att-1') => ({
    type: 'log' as const,
    attempt_id: attemptId,
    message: msg(seq, 'LOG', { level: 'info', message }, attemptId),
  });

  it("keeps each attempt's messages once, in seq order, the last few only", () => {
    let tails = addToTail({}, log(2, 'two'));
    tails = addToTail(tails, log(1, 'one'));
    tails = addToTail(tails, log(1, 'one again'));
    tails = addToTail(tails, log(1, 'other', 'att-2'));
    expect(tails['att-1'].map((m) => m.seq)).toEqual([1, 2]);
    expect(tailLines(tails['att-2'])).toEqual(['other']);
    const same = addToTail(tails, log(2, 'two again'));
    expect(same).toBe(tails);
    for (let seq = 3; seq <= 100; seq++) tails = addToTail(tails, log(seq, `line ${seq}`));
    expect(tails['att-1']).toHaveLength(TAIL_MESSAGES);
    expect(tails['att-1'][0].seq).toBe(100 - TAIL_MESSAGES + 1);
    expect(addToTail(tails, { type: 'log', attempt_id: 'att-1', message: null as never })).toBe(tails);
  });

  it('shows the last lines as the log does, streamed chunks joined and empty lines left out', () => {
    const messages = [
      msg(1, 'LOG', { message: 'first' }),
      msg(2, 'AGENT', { kind: 'message', id: 'm1', role: 'assistant', text: 'Hel', delta: true }),
      msg(3, 'AGENT', { kind: 'message', id: 'm1', role: 'assistant', text: 'lo', delta: true }),
      msg(4, 'LOG', { message: '' }),
    ];
    expect(tailLines(messages)).toEqual(['first', 'Hello']);
    expect(tailLines(undefined)).toEqual([]);
    const many = Array.from({ length: 12 }, (_, i) => msg(i + 1, 'LOG', { message: `l${i + 1}` }));
    expect(tailLines(many)).toEqual(['l8', 'l9', 'l10', 'l11', 'l12'].slice(-TAIL_LINES));
  });
});
