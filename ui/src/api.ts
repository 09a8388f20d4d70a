// Types and fetch helpers for Baton's HTTP API (JSON envelope everywhere):
//   success { "ok": true,  "data": <value> }
//   error   { "ok": false, "error": { "code", "message", "details"? } }

export interface ColumnRef {
  id: string;
  name: string;
}

export interface Project {
  project_id: string;
  name: string;
  vision?: string | null;
  default_branch?: string | null;
  archived?: boolean;
  columns?: ColumnRef[];
  /** Number of tasks per column id. */
  counts?: Record<string, number>;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export type Priority = 0 | 1 | 2 | 3 | 4;

export interface Card {
  task_id: string;
  title: string;
  column: string;
  /** Ordering key inside the column (number or lexicographic string). */
  rank: number | string | null;
  labels: string[];
  priority: Priority | null;
  agent_profile_id: string | null;
  agent_name: string | null;
  status: string | null;
  last_outcome: string | null;
  attempt_count: number;
  blocked_by: string[];
}

export interface BoardColumn extends ColumnRef {
  tasks: Card[];
}

export interface Board {
  project_id: string;
  position?: number | string | null;
  columns: BoardColumn[];
}

interface ErrorBody {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

/** An error answered by the server (or a transport failure), with the server's message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(message: string, code: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const projectsPath = '/api/v1/projects';
export const boardPath = (projectId: string) =>
  `/api/v1/projects/${encodeURIComponent(projectId)}/board`;
export const streamPath = (projectId: string) =>
  `/api/v1/projects/${encodeURIComponent(projectId)}/stream`;

/** GET a JSON-envelope endpoint and return its `data`, or throw an {@link ApiError}. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(`Cannot reach the Baton server (${(e as Error).message})`, 'network_error', 0);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(
      `Unexpected response from ${path}: HTTP ${response.status} ${response.statusText}`.trim(),
      'bad_response',
      response.status,
    );
  }

  const envelope = body as { ok?: unknown; data?: unknown; error?: ErrorBody } | null;
  if (envelope && envelope.ok === true && response.ok) {
    return envelope.data as T;
  }
  const err = envelope?.error;
  throw new ApiError(
    err?.message || `Request to ${path} failed: HTTP ${response.status}`,
    err?.code || 'http_error',
    response.status,
    err?.details,
  );
}

export const fetchProjects = (signal?: AbortSignal) => apiGet<Page<Project>>(projectsPath, signal);
export const fetchBoard = (projectId: string, signal?: AbortSignal) =>
  apiGet<Board>(boardPath(projectId), signal);
