// Fetchers for the attempt endpoints. The envelope handling follows ../api.ts
// (kept separate so this folder does not depend on a file others are editing).
import { ApiError } from '../api';
import type { ApproveMode, Attempt, DiffJson, Page, StreamMessage } from './types';

export { ApiError };

const enc = encodeURIComponent;
export const attemptPath = (id: string) => `/api/v1/attempts/${enc(id)}`;
export const logsPath = (id: string, after: number | null, limit = 500) =>
  `${attemptPath(id)}/logs?${after !== null ? `after=${after}&` : ''}limit=${limit}`;
export const attemptStreamPath = (id: string, after: number | null) =>
  `${attemptPath(id)}/stream${after !== null ? `?after=${after}` : ''}`;
export const diffPath = (id: string) => `${attemptPath(id)}/diff`;
/** Gate outputs (`output_ref`) and artifacts are artifact ids `<attemptId>.<name>`. */
export const artifactPath = (artifactId: string) => `/api/v1/artifacts/${enc(artifactId)}`;

interface ErrorBody {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(`Cannot reach the Baton server (${(e as Error).message})`, 'network_error', 0);
  }
}

async function envelope<T>(path: string, response: Response): Promise<T> {
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
  const env = body as { ok?: unknown; data?: unknown; error?: ErrorBody } | null;
  if (env && env.ok === true && response.ok) return env.data as T;
  const err = env?.error;
  throw new ApiError(
    err?.message || `Request to ${path} failed: HTTP ${response.status}`,
    err?.code || 'http_error',
    response.status,
    err?.details,
  );
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { headers: { Accept: 'application/json' }, signal });
  return envelope<T>(path, response);
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return envelope<T>(path, response);
}

/** A text body (raw diff, artifact content); an error still answers with the JSON envelope. */
export async function getText(path: string, accept: string, signal?: AbortSignal): Promise<string> {
  const response = await send(path, { headers: { Accept: accept }, signal });
  if (response.ok) return response.text();
  return envelope<never>(path, response);
}

export const fetchAttempt = (id: string, signal?: AbortSignal) => getJson<Attempt>(attemptPath(id), signal);
export const fetchLogPage = (id: string, after: number | null, signal?: AbortSignal, limit = 500) =>
  getJson<Page<StreamMessage>>(logsPath(id, after, limit), signal);
export const fetchDiff = (id: string, signal?: AbortSignal) => getJson<DiffJson>(diffPath(id), signal);
export const fetchRawDiff = (id: string, signal?: AbortSignal) => getText(diffPath(id), 'text/x-diff', signal);
export const fetchArtifact = (artifactId: string, signal?: AbortSignal) =>
  getText(artifactPath(artifactId), 'text/plain, */*', signal);

export const fetchAgentProfile = (id: string, signal?: AbortSignal) =>
  getJson<{ agent_profile_id: string; name: string; adapter?: string; model?: string | null }>(
    `/api/v1/agents/${enc(id)}`,
    signal,
  );

export const cancelAttempt = (id: string) => postJson<{ attempt_id: string }>(`${attemptPath(id)}/cancel`, {});
export const requestChanges = (id: string, feedback: string) =>
  postJson<{ attempt_id: string }>(`${attemptPath(id)}/request-changes`, { feedback });
export const approveAttempt = (id: string, mode: ApproveMode) =>
  postJson<{ attempt_id: string }>(`${attemptPath(id)}/approve`, { mode });
export const sendMessage = (id: string, text: string) =>
  postJson<{ attempt_id: string }>(`${attemptPath(id)}/messages`, { text });
