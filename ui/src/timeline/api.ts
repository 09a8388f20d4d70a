// Types and fetchers for the timeline, chains of causes, the board as of a position and the projections admin.
// Same JSON envelope as the rest of the API:
//   success { "ok": true,  "data": <value> }
//   error   { "ok": false, "error": { "code", "message", "details"? } }
import { call, callAll } from '../http';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EventMetadata {
  user?: string | null;
  correlation_id?: string | null;
  causation_id?: string | null;
  [key: string]: Json | undefined;
}

/** One stored event at its position in the store (GET /timeline, /timeline/stream). */
export interface TimelineEvent {
  position: number;
  event_id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  timestamp: string;
  project_id?: string | null;
  payload: { [key: string]: Json };
  metadata: EventMetadata;
}

export interface TimelinePage {
  items: TimelineEvent[];
  next: string | null;
}

/** One link of a chain of causes: the event itself, the command behind it, the event or request behind that… */
export interface CauseLink {
  kind: 'event' | 'command' | 'request' | string;
  id: string;
  type?: string | null;
  user?: string | null;
  /** For a request: "POST /api/v1/tasks/…/move". */
  source?: string | null;
  /** For an event link: the event. */
  event?: TimelineEvent | null;
}

export interface CauseChain {
  event_id: string;
  items: CauseLink[];
}

export interface ProjectSummary {
  project_id: string;
  name: string;
  archived?: boolean;
}

export interface SnapshotCard {
  task_id: string;
  title: string;
  column?: string;
  status?: string | null;
  labels?: string[];
  priority?: number | null;
  agent_name?: string | null;
}

export interface SnapshotBoard {
  project_id: string;
  position?: number | string | null;
  columns: { id: string; name: string; tasks: SnapshotCard[] }[];
}

export interface ProjectionStatus {
  name: string;
  position: number;
  lag: number;
  status: 'live' | 'replaying' | string;
  /** 0..1 while replaying. */
  replay_progress?: number | null;
}

const BASE = '/api/v1';

const request = <T>(method: 'GET' | 'POST', path: string, signal?: AbortSignal) => call<T>(method, path, { signal });

/** Filters of GET /timeline (and of its stream, which ignores the time bounds). */
export interface TimelineFilters {
  project_id?: string;
  aggregate_id?: string;
  type?: string;
  user?: string;
  /** A store position or an ISO-8601 time. */
  after?: string;
  /** A store position or an ISO-8601 time. */
  before?: string;
}

export const FILTER_KEYS = ['project_id', 'aggregate_id', 'type', 'user', 'after', 'before'] as const;

export const PAGE_SIZE = 200;

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GET /timeline for these filters; {@code cursor} (the previous page's `next`) replaces the `after` filter. */
export function timelinePath(filters: TimelineFilters, cursor?: string | null, limit = PAGE_SIZE): string {
  return `${BASE}/timeline${query({
    project_id: filters.project_id,
    aggregate_id: filters.aggregate_id,
    type: filters.type,
    user: filters.user,
    after: cursor ?? filters.after,
    before: filters.before,
    limit,
  })}`;
}

/** The live stream for these filters, from just after {@code after} (a position), or from now without it. */
export function timelineStreamPath(filters: TimelineFilters, after?: number | null): string {
  return `${BASE}/timeline/stream${query({
    project_id: filters.project_id,
    aggregate_id: filters.aggregate_id,
    type: filters.type,
    user: filters.user,
    after: after ?? undefined,
  })}`;
}

export const causesPath = (eventId: string) => `${BASE}/events/${encodeURIComponent(eventId)}/causes`;
export const boardAsOfPath = (projectId: string, asOf: number | string) =>
  `${BASE}/projects/${encodeURIComponent(projectId)}/board${query({ as_of: asOf })}`;
export const projectsListPath = `${BASE}/projects`;
export const projectionsPath = `${BASE}/admin/projections`;
export const replayPath = (name: string) => `${BASE}/admin/projections/${encodeURIComponent(name)}/replay`;

export const fetchTimeline = (filters: TimelineFilters, cursor: string | null, signal?: AbortSignal) =>
  request<TimelinePage>('GET', timelinePath(filters, cursor), signal);
export const fetchCauses = (eventId: string, signal?: AbortSignal) =>
  request<CauseChain>('GET', causesPath(eventId), signal);
export const fetchBoardAsOf = (projectId: string, asOf: number | string, signal?: AbortSignal) =>
  request<SnapshotBoard>('GET', boardAsOfPath(projectId, asOf), signal);
export const fetchProjectList = (signal?: AbortSignal) => callAll<ProjectSummary>(projectsListPath, signal);
export const fetchProjections = (signal?: AbortSignal) => request<ProjectionStatus[]>('GET', projectionsPath, signal);
export const startReplay = (name: string) => request<ProjectionStatus>('POST', replayPath(name));
