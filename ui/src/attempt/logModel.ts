// Pure functions behind the Logs tab: merging stored and streamed messages,
// turning them into display rows (normalized agent events merged by id),
// raw lines, gate commands and the auto-scroll rule. No React here.
import type { StreamMessage } from './types';

/**
 * Messages sorted by seq with no seq twice. Stored pages and the SSE stream
 * overlap; whichever copy arrived first is kept. The common case (everything
 * new comes after what we have) appends without re-sorting.
 */
export function mergeMessages(existing: StreamMessage[], incoming: StreamMessage[]): StreamMessage[] {
  if (incoming.length === 0) return existing;
  let last = existing.length ? existing[existing.length - 1].seq : -Infinity;
  const appended = existing.slice();
  let ordered = true;
  const seen = new Set<number>();
  for (const m of incoming) {
    if (typeof m?.seq !== 'number') continue;
    if (m.seq > last) {
      appended.push(m);
      last = m.seq;
      seen.add(m.seq);
    } else if (!seen.has(m.seq)) {
      ordered = false;
      break;
    }
  }
  if (ordered) return appended.length === existing.length ? existing : appended;
  const bySeq = new Map<number, StreamMessage>();
  for (const m of existing) bySeq.set(m.seq, m);
  for (const m of incoming) if (typeof m?.seq === 'number' && !bySeq.has(m.seq)) bySeq.set(m.seq, m);
  if (bySeq.size === existing.length) return existing;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export const lastSeq = (messages: StreamMessage[]): number | null =>
  messages.length ? messages[messages.length - 1].seq : null;

// ---- rows -----------------------------------------------------------------

interface RowBase {
  /** Stable React key: the first message's seq, or the agent's item id. */
  key: string;
  seq: number;
  ts: string;
}

export type LogRow = RowBase &
  (
    | { kind: 'message'; role: string; text: string; delta?: boolean }
    | { kind: 'reasoning'; text: string; delta?: boolean }
    | { kind: 'tool'; name: string; status: string | null; input: unknown; output: string | null; error: string | null }
    | { kind: 'command'; command: string; status: string | null; exitCode: number | null; output: string | null; cwd: string | null }
    | { kind: 'file_change'; status: string | null; changes: { path: string; kind: string; newPath?: string | null }[] }
    | { kind: 'todo'; items: { text: string; done: boolean }[] }
    | { kind: 'usage'; inputTokens: number; outputTokens: number; costUsd: number | null }
    | { kind: 'error'; message: string; detail: string | null; fatal: boolean }
    | { kind: 'done'; status: string; resultText: string | null; exitCode: number | null; durationMs: number | null }
    | { kind: 'session'; sessionId: string | null; model: string | null }
    | { kind: 'progress'; phase: string; step: number | null; total: number | null; message: string }
    | { kind: 'status'; from: string | null; to: string }
    | { kind: 'gate'; gate: string; exitCode: number; outputRef: string | null }
    | { kind: 'artifact'; artifactKind: string; ref: string }
    | { kind: 'log'; level: string; message: string; gate: string | null }
    | { kind: 'other'; eventKind: string; payload: unknown }
  );

export type RowKind = LogRow['kind'];

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v == null ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function agentRow(base: RowBase, p: Record<string, unknown>): LogRow {
  switch (p.kind) {
    case 'message':
      return { ...base, kind: 'message', role: str(p.role) ?? 'assistant', text: str(p.text) ?? '' };
    case 'reasoning':
      return { ...base, kind: 'reasoning', text: str(p.text) ?? '' };
    case 'tool_call':
      return {
        ...base,
        kind: 'tool',
        name: str(p.name) ?? 'tool',
        status: str(p.status),
        input: p.input ?? null,
        output: str(p.output),
        error: str(p.error),
      };
    case 'command':
      return {
        ...base,
        kind: 'command',
        command: str(p.command) ?? '',
        status: str(p.status),
        exitCode: num(p.exit_code),
        output: str(p.output),
        cwd: null,
      };
    case 'file_change':
      return {
        ...base,
        kind: 'file_change',
        status: str(p.status),
        changes: Array.isArray(p.changes)
          ? (p.changes as Record<string, unknown>[]).map((c) => ({
              path: str(c.path) ?? '',
              kind: str(c.kind) ?? 'update',
              newPath: str(c.new_path),
            }))
          : [],
      };
    case 'todo':
      return {
        ...base,
        kind: 'todo',
        items: Array.isArray(p.items)
          ? (p.items as Record<string, unknown>[]).map((i) => ({ text: str(i.text) ?? '', done: i.done === true }))
          : [],
      };
    case 'usage':
      return {
        ...base,
        kind: 'usage',
        inputTokens: num(p.input_tokens) ?? 0,
        outputTokens: num(p.output_tokens) ?? 0,
        costUsd: num(p.cost_usd),
      };
    case 'error':
      return { ...base, kind: 'error', message: str(p.message) ?? '', detail: str(p.code), fatal: p.fatal === true };
    case 'done':
      return {
        ...base,
        kind: 'done',
        status: str(p.status) ?? 'success',
        resultText: str(p.result_text),
        exitCode: num(p.exit_code),
        durationMs: num(p.duration_ms),
      };
    case 'session':
      return { ...base, kind: 'session', sessionId: str(p.session_id), model: str(p.model) };
    default:
      return { ...base, kind: 'other', eventKind: `AGENT ${str(p.kind) ?? '?'}`, payload: p };
  }
}

/** One message as a row, before merging. */
export function toRow(m: StreamMessage): LogRow {
  const base: RowBase = { key: String(m.seq), seq: m.seq, ts: m.ts };
  const p = (m.event?.payload ?? {}) as Record<string, unknown>;
  switch (m.event?.kind) {
    case 'AGENT':
      return agentRow(base, p);
    case 'LOG':
      return { ...base, kind: 'log', level: str(p.level) ?? 'info', message: str(p.message) ?? '', gate: str(p.gate) };
    case 'PROGRESS':
      return {
        ...base,
        kind: 'progress',
        phase: str(p.phase) ?? '',
        step: num(p.step),
        total: num(p.total),
        message: str(p.message) ?? '',
      };
    case 'COMMAND':
      return { ...base, kind: 'command', command: str(p.cmd) ?? '', status: null, exitCode: null, output: null, cwd: str(p.cwd) };
    case 'GATE_RESULT':
      return { ...base, kind: 'gate', gate: str(p.gate) ?? '', exitCode: num(p.exit_code) ?? -1, outputRef: str(p.output_ref) };
    case 'ARTIFACT':
      return { ...base, kind: 'artifact', artifactKind: str(p.kind) ?? '', ref: str(p.ref) ?? '' };
    case 'STATUS':
      return { ...base, kind: 'status', from: str(p.from), to: str(p.to) ?? '' };
    case 'ERROR':
      return { ...base, kind: 'error', message: str(p.message) ?? '', detail: str(p.detail), fatal: true };
    default:
      return { ...base, kind: 'other', eventKind: str(m.event?.kind) ?? '?', payload: p };
  }
}

const itemId = (m: StreamMessage): string | null => {
  if (m.event?.kind !== 'AGENT') return null;
  const id = (m.event.payload as Record<string, unknown>).id;
  return typeof id === 'string' && id ? id : null;
};

/**
 * Display rows: agent items that share an id (a command started then
 * completed, a tool call, streamed message chunks) become one row that shows
 * the latest state; message deltas are joined into one text.
 */
export function buildRows(messages: StreamMessage[]): LogRow[] {
  const rows: LogRow[] = [];
  const byItem = new Map<string, number>();
  for (const m of messages) {
    const row = toRow(m);
    const id = itemId(m);
    const payload = (m.event?.payload ?? {}) as Record<string, unknown>;
    const isDelta = payload.delta === true && (row.kind === 'message' || row.kind === 'reasoning');
    const itemKey = id ? `${row.kind}:${id}` : null;
    const at = itemKey !== null ? byItem.get(itemKey) : undefined;
    if (at !== undefined) {
      const prev = rows[at];
      if ((prev.kind === 'message' || prev.kind === 'reasoning') && prev.kind === row.kind) {
        // A chunk appends; a final (non-delta) message with the same id replaces the chunks.
        rows[at] = { ...prev, text: isDelta ? prev.text + row.text : row.text || prev.text };
      } else if (prev.kind === 'command' && row.kind === 'command') {
        rows[at] = {
          ...prev,
          command: row.command || prev.command,
          status: row.status ?? prev.status,
          exitCode: row.exitCode ?? prev.exitCode,
          output: row.output ?? prev.output,
        };
      } else if (prev.kind === 'tool' && row.kind === 'tool') {
        rows[at] = {
          ...prev,
          status: row.status ?? prev.status,
          input: row.input ?? prev.input,
          output: row.output ?? prev.output,
          error: row.error ?? prev.error,
        };
      } else {
        rows[at] = { ...row, key: prev.key, seq: prev.seq };
      }
      continue;
    }
    // Delta chunks without an id join the previous chunk of the same kind.
    if (isDelta && id === null) {
      const prev = rows[rows.length - 1];
      if (
        prev &&
        (prev.kind === 'message' || prev.kind === 'reasoning') &&
        (row.kind === 'message' || row.kind === 'reasoning') &&
        prev.kind === row.kind &&
        prev.delta
      ) {
        rows[rows.length - 1] = { ...prev, text: prev.text + row.text };
        continue;
      }
      if (row.kind === 'message' || row.kind === 'reasoning') rows.push({ ...row, delta: true });
      continue;
    }
    if (itemKey !== null) {
      rows.push({ ...row, key: `${row.kind}:${id}` });
      byItem.set(itemKey, rows.length - 1);
    } else {
      rows.push(row);
    }
  }
  return rows;
}

/** What a row says, on one plain line (the Raw view and copy/paste). */
export function rawLine(m: StreamMessage): string {
  const row = toRow(m);
  const time = m.ts ? m.ts.slice(11, 23) : '';
  const kind = m.event?.kind ?? '?';
  const label = kind === 'AGENT' ? `AGENT ${String((m.event.payload as Record<string, unknown>).kind ?? '')}` : kind;
  return `${time} ${label} ${rowText(row)}`.trimEnd();
}

/** A short plain-text rendering of a row. */
export function rowText(row: LogRow): string {
  switch (row.kind) {
    case 'message':
    case 'reasoning':
      return row.text;
    case 'tool':
      return `${row.name} ${row.status ?? ''}`.trim();
    case 'command':
      return `$ ${row.command}${row.exitCode !== null ? ` (exit ${row.exitCode})` : ''}`;
    case 'file_change':
      return row.changes.map((c) => `${c.kind} ${c.path}`).join(', ');
    case 'todo':
      return row.items.map((i) => `[${i.done ? 'x' : ' '}] ${i.text}`).join(' ');
    case 'usage':
      return `${row.inputTokens} in / ${row.outputTokens} out${row.costUsd !== null ? ` $${row.costUsd}` : ''}`;
    case 'error':
      return row.detail ? `${row.message} (${row.detail})` : row.message;
    case 'done':
      return `${row.status}${row.resultText ? `: ${row.resultText}` : ''}`;
    case 'session':
      return `session ${row.sessionId ?? ''} ${row.model ?? ''}`.trim();
    case 'progress':
      return `${row.phase}${row.step !== null ? ` ${row.step}${row.total !== null ? `/${row.total}` : ''}` : ''}: ${row.message}`;
    case 'status':
      return `${row.from ?? '∅'} → ${row.to}`;
    case 'gate':
      return `${row.gate} exit ${row.exitCode}`;
    case 'artifact':
      return `${row.artifactKind} ${row.ref}`;
    case 'log':
      return row.message;
    case 'other':
      return JSON.stringify(row.payload);
  }
}

/** The status the log last reported (the `to` of its last STATUS message), if any. */
export function lastStatus(messages: StreamMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.event?.kind === 'STATUS') {
      const to = (m.event.payload as Record<string, unknown>).to;
      if (typeof to === 'string') return to;
    }
  }
  return undefined;
}

/** Kinds of message after which the attempt itself (status, gates, usage, artifacts) has likely changed. */
export function changesAttempt(m: StreamMessage): boolean {
  const k = m.event?.kind;
  if (k === 'STATUS' || k === 'GATE_RESULT' || k === 'ARTIFACT' || k === 'ERROR') return true;
  if (k === 'PROGRESS') return true;
  if (k === 'AGENT') {
    const pk = (m.event.payload as Record<string, unknown>).kind;
    return pk === 'usage' || pk === 'done';
  }
  return false;
}

/**
 * The command line each gate ran: the runner logs a COMMAND just before a
 * gate's output lines (LOG with `gate`) and its GATE_RESULT.
 */
export function gateCommands(messages: StreamMessage[]): Record<string, string> {
  const out: Record<string, string> = {};
  let lastCommand: string | null = null;
  for (const m of messages) {
    const p = (m.event?.payload ?? {}) as Record<string, unknown>;
    if (m.event?.kind === 'COMMAND') {
      lastCommand = str(p.cmd);
    } else if ((m.event?.kind === 'LOG' && typeof p.gate === 'string') || m.event?.kind === 'GATE_RESULT') {
      const gate = str(p.gate);
      if (gate && lastCommand && !(gate in out)) out[gate] = lastCommand;
      if (m.event.kind === 'GATE_RESULT') lastCommand = null;
    }
  }
  return out;
}

// ---- auto-scroll ----------------------------------------------------------

export const BOTTOM_SLACK_PX = 24;

export function isAtBottom(el: { scrollTop: number; scrollHeight: number; clientHeight: number }): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
}

/**
 * Auto-scroll after the user scrolled: moving up away from the bottom turns
 * it off (the reader wants to stay where they are); otherwise it stays as it
 * was. The toggle turns it back on.
 */
export function autoScrollAfterScroll(follow: boolean, previousTop: number, top: number, atBottom: boolean): boolean {
  if (follow && top < previousTop && !atBottom) return false;
  return follow;
}
