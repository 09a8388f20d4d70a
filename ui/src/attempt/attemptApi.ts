// Fetchers for the attempt endpoints.
import { ApiError } from '../api';
import { call, callText } from '../http';
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

export const getJson = <T>(path: string, signal?: AbortSignal) => call<T>('GET', path, { signal });
export const postJson = <T>(path: string, body: unknown) => call<T>('POST', path, { body: body ?? {} });
export const getText = callText;

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
