import { describe, expect, it } from 'vitest';
import type { RunNode } from './api';
import {
  applyNodeEvent,
  countsOf,
  formatCost,
  formatElapsed,
  nodeControls,
  parseRunEvent,
  runControls,
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
