// Types and fetch helpers for Baton's HTTP API (the JSON envelope is unwrapped in ./http.ts).
import { call, callAll, type Method } from './http';

export { ApiError } from './http';

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
  moxxy?: MoxxyLink | null;
}

export interface MoxxyLink {
  job_id: string;
  agent?: string | null;
  status?: string | null;
  problem?: string | null;
}

export interface BoardColumn extends ColumnRef {
  tasks: Card[];
}

export interface Board {
  project_id: string;
  position?: number | string | null;
  columns: BoardColumn[];
}

export const projectsPath = '/api/v1/projects';
export const boardPath = (projectId: string) =>
  `/api/v1/projects/${encodeURIComponent(projectId)}/board`;
/** The board's SSE stream; `after` an SSE id, to resume after it. */
export const streamPath = (projectId: string, after?: string | null) =>
  `/api/v1/projects/${encodeURIComponent(projectId)}/stream${after ? `?after=${encodeURIComponent(after)}` : ''}`;

/** GET a JSON-envelope endpoint and return its `data`, or throw an {@link ApiError}. */
export const apiGet = <T>(path: string, signal?: AbortSignal) => call<T>('GET', path, { signal });

/** Send a command with a JSON body and return the answer's `data`, or throw an {@link ApiError}. */
export const apiSend = <T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown) =>
  call<T>(method, path, { body });

/** Every project, all pages read: the sidebar lists them all, and a board finds its own among them. */
export async function fetchProjects(signal?: AbortSignal): Promise<Page<Project>> {
  return callAll<Project>(projectsPath, signal);
}

export const fetchBoard = (projectId: string, signal?: AbortSignal) =>
  apiGet<Board>(boardPath(projectId), signal);

// ---- Board filters ----

export interface BoardFilters {
  q?: string;
  label?: string;
  agent?: string;
  status?: string;
}

/** `?q=..&label=..` for the board request ('' without filters). */
export function boardQuery(filters: BoardFilters | undefined): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'label', 'agent', 'status'] as const) {
    const value = filters?.[key]?.trim();
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const fetchFilteredBoard = (projectId: string, filters: BoardFilters | undefined, signal?: AbortSignal) =>
  apiGet<Board>(boardPath(projectId) + boardQuery(filters), signal);

// ---- Tasks ----

export interface ChecklistItem {
  text: string;
  done: boolean;
}

export interface Steering {
  index: number;
  comment: string;
  prompt_patch?: string | null;
  created_at?: string;
}

export interface AttemptSummary {
  attempt_id: string;
  status: string;
  agent_profile_id?: string | null;
  created_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  failure_reason?: string | null;
  summary?: string | null;
}

export interface TaskDetail {
  task_id: string;
  project_id: string;
  title: string;
  description?: string | null;
  acceptance_criteria?: string[];
  checklist?: ChecklistItem[];
  labels?: string[];
  priority?: number | null;
  column: string;
  agent_profile_id?: string | null;
  agent_name?: string | null;
  depends_on?: string[];
  blocked_by?: string[];
  status?: string | null;
  last_outcome?: string | null;
  attempt_count?: number;
  attempts?: AttemptSummary[];
  steering?: Steering[];
  moxxy?: MoxxyLink | null;
  version: number;
}

export interface NewTask {
  title: string;
  description?: string;
  acceptance_criteria?: string[];
  labels?: string[];
  priority?: number;
  column?: string;
  agent_profile_id?: string;
  depends_on?: string[];
}

export interface CommandAnswer {
  version: number;
  [key: string]: unknown;
}

export interface MoveRequest {
  column: string;
  before_task_id?: string;
  after_task_id?: string;
}

const taskPath = (taskId: string) => `/api/v1/tasks/${encodeURIComponent(taskId)}`;

export const fetchTask = (taskId: string, minVersion?: number, signal?: AbortSignal) =>
  apiGet<TaskDetail>(taskPath(taskId) + (minVersion ? `?min_version=${minVersion}` : ''), signal);
export const createTask = (projectId: string, task: NewTask) =>
  apiSend<{ task_id: string; version: number }>('POST', `/api/v1/projects/${encodeURIComponent(projectId)}/tasks`, task);
export const editTask = (taskId: string, fields: Record<string, unknown>) =>
  apiSend<CommandAnswer>('PATCH', taskPath(taskId), fields);
export const moveTask = (taskId: string, move: MoveRequest) =>
  apiSend<CommandAnswer>('POST', `${taskPath(taskId)}/move`, move);
export const markChecklistItem = (taskId: string, index: number, done: boolean) =>
  apiSend<CommandAnswer>('POST', `${taskPath(taskId)}/checklist/${index}`, { done });
export const startAttempt = (taskId: string, agentProfileId?: string | null) =>
  apiSend<{ attempt_id: string; version: number }>(
    'POST',
    `${taskPath(taskId)}/attempts`,
    agentProfileId ? { agent_profile_id: agentProfileId } : {},
  );
export const cancelAttempt = (attemptId: string) =>
  apiSend<CommandAnswer>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/cancel`, {});
export type TaskControl = 'pause' | 'resume' | 'stop';
export const controlTask = (taskId: string, control: TaskControl) =>
  apiSend<CommandAnswer>('POST', `${taskPath(taskId)}/${control}`, {});
export const steerTask = (taskId: string, comment: string, promptPatch?: string) =>
  apiSend<CommandAnswer>('POST', `${taskPath(taskId)}/steer`, promptPatch ? { comment, prompt_patch: promptPatch } : { comment });

// ---- Agent profiles ----

export const ADAPTERS = ['command', 'codex', 'claude-code', 'opencode', 'gemini', 'moxxy'] as const;
export const ROLES = ['generic', 'builder', 'reviewer', 'orchestrator'] as const;

export interface AgentProfile {
  agent_profile_id: string;
  name: string;
  adapter: string;
  model?: string | null;
  command?: string[] | null;
  role?: string | null;
}

export interface NewAgentProfile {
  name: string;
  adapter: string;
  model?: string;
  command?: string[];
  role?: string;
}

export const agentsPath = '/api/v1/agents';
/** Every agent profile, all pages read. */
export async function fetchAgents(signal?: AbortSignal): Promise<Page<AgentProfile>> {
  return callAll<AgentProfile>(agentsPath, signal);
}
export const createAgent = (agent: NewAgentProfile) =>
  apiSend<{ agent_profile_id: string; version: number }>('POST', agentsPath, agent);

// ---- Projects ----

export interface NewProject {
  name: string;
  vision?: string;
  /** Exactly one of repo_url / local_path. */
  repo_url?: string;
  local_path?: string;
  default_branch?: string;
  commands?: { install?: string; test?: string; lint?: string };
  /** The team that owns the project (accounts on); without it, the caller does. */
  team_id?: string;
}

const projectPath = (projectId: string) => `${projectsPath}/${encodeURIComponent(projectId)}`;

export const createProject = (project: NewProject) =>
  apiSend<{ project_id: string; version: number }>('POST', projectsPath, project);
/** The project once its read model has caught up with `minVersion` (read your own write). */
export const fetchProject = (projectId: string, minVersion?: number, signal?: AbortSignal) =>
  apiGet<Project>(projectPath(projectId) + (minVersion !== undefined ? `?min_version=${minVersion}` : ''), signal);
