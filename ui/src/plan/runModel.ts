// Pure logic of the run view: status colours, which controls apply, the DAG's layout input, figures.
import { buildRows, mergeMessages, rowText } from '../attempt/logModel';
import type { StreamMessage } from '../attempt/types';
import type { NodeStatus, RunDiagram, RunNode, RunStatus } from './api';
import { NODE_STATUSES } from './api';
import { elkInput, type ElkInput } from './model';

export const STATUS_COLOURS: Record<NodeStatus, string> = {
  pending: '#9ca3af', // grey
  running: '#2563eb', // blue
  review: '#9333ea', // purple
  blocked: '#c2410c', // orange (white text on it: 5.2:1)
  done: '#15803d', // green (white text on it: 5.0:1)
  failed: '#dc2626', // red
  paused: '#eab308', // yellow
  stopped: '#1f2937', // dark
};

/** The colour of a node status; an unknown status is drawn as pending. */
export function statusColour(status: string): string {
  return (STATUS_COLOURS as Record<string, string>)[status] ?? STATUS_COLOURS.pending;
}

/** Dark text on the light fills (pending, paused), white on the others. */
export function statusTextColour(status: string): string {
  return status === 'pending' || status === 'paused' ? '#111827' : '#ffffff';
}

export const TERMINAL_RUN: RunStatus[] = ['completed', 'failed', 'cancelled'];

export interface RunControls {
  pause: boolean;
  resume: boolean;
  cancel: boolean;
}

/** Which run controls apply to a run in `status`. */
export function runControls(status: RunStatus | string | undefined): RunControls {
  return {
    pause: status === 'running' || status === 'queued',
    resume: status === 'paused',
    cancel: status === 'running' || status === 'queued' || status === 'paused',
  };
}

export interface NodeControls {
  pause: boolean;
  resume: boolean;
  stop: boolean;
  promote: boolean;
  attempt: boolean;
}

/** Which controls apply to a node of a run in `runStatus` (none once the run is over, but its attempt). */
export function nodeControls(node: RunNode, runStatus: RunStatus | string | undefined): NodeControls {
  const live = runStatus !== undefined && !TERMINAL_RUN.includes(runStatus as RunStatus);
  const s = node.status;
  return {
    pause: live && (s === 'pending' || s === 'running'),
    resume: live && s === 'paused',
    stop: live && (s === 'pending' || s === 'running' || s === 'paused' || s === 'review'),
    promote: live && s === 'review' && !!node.attempt_id && !node.merging,
    attempt: !!node.attempt_id,
  };
}

/** The run DAG's ELK input: each edge from the dependency to the task that needs it, so dependencies come first. */
export function runElkInput(diagram: Pick<RunDiagram, 'nodes' | 'edges'>): ElkInput {
  return elkInput(
    diagram.nodes.map((node) => ({ id: node.task_id })),
    diagram.edges.map((edge) => ({ id: `${edge.to}->${edge.from}`, source: edge.to, target: edge.from })),
  );
}

/** Counts per status, every status present (0 when the run answered none). */
export function countsOf(counts: Partial<Record<NodeStatus, number>> | undefined): [NodeStatus, number][] {
  return NODE_STATUSES.map((status) => [status, counts?.[status] ?? 0]);
}

/** "1h 02m 05s", "3m 07s", "12s". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

export function formatCost(usd: number | undefined | null): string {
  return `$${(usd ?? 0).toFixed((usd ?? 0) < 1 ? 4 : 2)}`;
}

export function formatTokens(n: number | undefined | null): string {
  return (n ?? 0).toLocaleString('en-US');
}

/** A live item of `/runs/{id}/events`. */
export type RunEvent =
  | { type: 'node'; task_id: string; key?: string; status: string; attempt_id?: string | null; reason?: string | null }
  | { type: 'run'; run_id: string; status: string; reason?: string | null }
  | { type: 'attempt'; task_id: string; attempt_id: string; status: string }
  | { type: 'log'; attempt_id: string; message: StreamMessage };

export function parseRunEvent(data: string): RunEvent | null {
  try {
    const value = JSON.parse(data) as { type?: unknown };
    return value && typeof value.type === 'string' ? (value as RunEvent) : null;
  } catch {
    return null;
  }
}

/** The diagram with a node item's status applied at once (the refetch that follows brings the rest). */
export function applyNodeEvent(diagram: RunDiagram, event: Extract<RunEvent, { type: 'node' }>): RunDiagram {
  return {
    ...diagram,
    nodes: diagram.nodes.map((node) =>
      node.task_id === event.task_id
        ? {
            ...node,
            status: event.status as NodeStatus,
            attempt_id: event.attempt_id ?? node.attempt_id,
            reason: event.reason ?? node.reason,
          }
        : node,
    ),
  };
}

// ---- log tails ----

/** How many of an attempt's latest log messages are kept, and how many lines of them are shown. */
export const TAIL_MESSAGES = 20;
export const TAIL_LINES = 5;

/** The latest log messages of each attempt at work, by attempt id. */
export type LogTails = Record<string, StreamMessage[]>;

/**
 * The tails with a log item's message added: in seq order, once (a stream opened again sends the last lines
 * again), and no more than the last {@link TAIL_MESSAGES} of the attempt.
 */
export function addToTail(tails: LogTails, event: Extract<RunEvent, { type: 'log' }>): LogTails {
  if (typeof event.message?.seq !== 'number') return tails;
  const kept = tails[event.attempt_id] ?? [];
  const merged = mergeMessages(kept, [event.message]);
  return merged === kept ? tails : { ...tails, [event.attempt_id]: merged.slice(-TAIL_MESSAGES) };
}

/** The last lines of a tail, as the attempt's log shows them in a line each (streamed chunks joined). */
export function tailLines(messages: StreamMessage[] | undefined): string[] {
  return buildRows(messages ?? [])
    .map(rowText)
    .filter((line) => line.trim() !== '')
    .slice(-TAIL_LINES);
}
