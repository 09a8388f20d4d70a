// The endpoints the settings pages call (projects, agent profiles, the moxxy connection, its agents and jobs).
import { call as request, type Method } from '../http';

/** Calls the endpoint with an optional JSON body. */
export const call = <T>(method: Method, path: string, body?: unknown) => request<T>(method, path, { body });

export interface ProjectSettings {
  project_id: string;
  name: string;
  vision: string | null;
  default_branch: string | null;
  commands: { install?: string | null; test?: string | null; lint?: string | null } | null;
  budgets: {
    max_runtime_seconds?: number | null;
    max_attempts_per_hour?: number | null;
    max_tokens?: number | null;
    max_parallel_attempts?: number | null;
  } | null;
  bot_identity: { name: string; email: string } | null;
  version: number;
}

export interface ValidationCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface AgentProfile {
  agent_profile_id: string;
  name: string;
  adapter: string;
  model: string | null;
  command: string[];
  env: Record<string, string>;
  role: string;
}

export interface MoxxyConnection {
  base_url: string;
  token_kind: string | null;
  status: string;
  verified_at: string | null;
  problem: string | null;
}

export interface MoxxyJob {
  job_id: string;
  moxxy_job_id: string;
  agent: string;
  task_ids: string[];
  state: string | null;
  task_status: string;
  detail: string | null;
  tracking: string;
  problem: string | null;
  started_at: string;
}

export interface Items<T> {
  items: T[];
}

export const ADAPTERS = ['command', 'codex', 'claude-code', 'opencode', 'gemini', 'moxxy'] as const;
export const ROLES = ['generic', 'builder', 'reviewer', 'orchestrator'] as const;

const enc = encodeURIComponent;
export const paths = {
  project: (id: string) => `/api/v1/projects/${enc(id)}`,
  validate: (id: string) => `/api/v1/projects/${enc(id)}/validate`,
  board: (id: string) => `/api/v1/projects/${enc(id)}/board`,
  agents: '/api/v1/agents',
  agent: (id: string) => `/api/v1/agents/${enc(id)}`,
  connection: '/api/v1/moxxy/connection',
  verify: '/api/v1/moxxy/connection/verify',
  moxxyAgents: '/api/v1/moxxy/agents',
  moxxyAgent: (name: string) => `/api/v1/moxxy/agents/${enc(name)}`,
  restart: (name: string) => `/api/v1/moxxy/agents/${enc(name)}/restart`,
  vault: (name: string) => `/api/v1/moxxy/agents/${enc(name)}/vault`,
  templates: (name: string) => `/api/v1/moxxy/agents/${enc(name)}/orchestrate/templates`,
  template: (name: string, templateId: string) =>
    `/api/v1/moxxy/agents/${enc(name)}/orchestrate/templates/${enc(templateId)}`,
  jobs: (projectId: string) => `/api/v1/projects/${enc(projectId)}/moxxy-jobs`,
  job: (jobId: string) => `/api/v1/moxxy-jobs/${enc(jobId)}`,
  jobAction: (jobId: string, action: 'cancel' | 'approve-merge') => `/api/v1/moxxy-jobs/${enc(jobId)}/${action}`,
};

/** One argument per line (blank lines dropped): how the profile form edits a command's argv. */
export function argvOf(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

/** `KEY=VALUE` per line; a line without `=` is an error naming it. */
export function envOf(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`"${line}" is not KEY=VALUE`);
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return env;
}

/** A number field's value: empty means none. */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}
