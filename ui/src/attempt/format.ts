// Small display helpers.

export const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  gates_running: 'Gates running',
  review_ready: 'Review ready',
  merging: 'Merging',
  merged: 'Merged',
  pr_created: 'PR created',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const statusLabel = (s: string) => STATUS_LABELS[s] ?? s.replace(/_/g, ' ');

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function elapsed(from: string | null | undefined, to: string | null | undefined, now = Date.now()): number | null {
  if (!from) return null;
  const start = Date.parse(from);
  const end = to ? Date.parse(to) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? null : end - start;
}

export const formatTokens = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString('en-US'));

export function formatCost(usd: number | null | undefined): string {
  if (usd == null) return '—';
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

export const shortId = (id: string | null | undefined) => (id ? id.slice(0, 8) : '—');
export const shortSha = (sha: string | null | undefined) => (sha ? sha.slice(0, 10) : '—');
