// Types and calls for plans, compiled task graphs and orchestration runs (JSON envelope, see ../api.ts).
import { call as request, callAll } from '../http';

export const LAYERS = ['vision', 'module', 'ux', 'backend', 'task'] as const;
export type Layer = (typeof LAYERS)[number];
export type EdgeKind = 'depends_on' | 'contains';

/** A node of a plan's canvas, as the API sends and takes it. */
export interface PlanNode {
  key: string;
  layer: Layer;
  title: string;
  notes?: string | null;
  acceptance_criteria?: string[] | null;
  mvp?: boolean;
  /** Key of the node that contains it. */
  parent?: string | null;
}

/** `depends_on`: `from` needs `to` done first; `contains`: `from` contains `to`. */
export interface PlanEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface SavePlanBody {
  nodes: PlanNode[];
  edges: PlanEdge[];
  metadata?: Record<string, unknown>;
}

export interface GraphRef {
  graph_id: string;
  mode: string;
  tasks: number;
}

export type PlanStatus = 'draft' | 'confirmed' | 'archived';

export interface PlanVersion {
  plan_id: string;
  project_id: string;
  plan_version: number;
  latest_version: number | null;
  status: PlanStatus;
  nodes: PlanNode[];
  edges: PlanEdge[];
  metadata: Record<string, unknown> | null;
  graphs: GraphRef[];
  confirmed_graph_id: string | null;
  created_at?: string;
  confirmed_at?: string | null;
  version: number;
}

export interface CompiledTask {
  key: string;
  task_id: string;
  title: string;
  description: string;
  acceptance_criteria: string[];
  depends_on: string[];
}

export type CompileMode = 'mvp' | 'full';

export interface CompiledGraph {
  graph_id: string;
  plan_id: string;
  plan_version: number;
  mode: CompileMode;
  tasks: CompiledTask[];
  version?: number;
}

export interface Confirmed extends CompiledGraph {
  status: 'confirmed';
  tasks_on_board: number;
}

export interface ProjectWithPlan {
  project_id: string;
  name: string;
  default_branch?: string | null;
  latest_plan: { plan_id: string; version: number; status: PlanStatus } | null;
}

export interface AgentProfile {
  agent_profile_id: string;
  name: string;
  adapter: string;
  model?: string | null;
}

export type MergePolicy = 'manual' | 'auto_on_gates_pass';
export type FailurePolicy = 'fail_fast' | 'best_effort' | 'retry';

export interface RunOptionsBody {
  max_agents: number;
  target_branch: string;
  agent_profile_id: string | null;
  merge_policy: MergePolicy;
  failure_policy: FailurePolicy;
  retry_limit?: number;
}

export type RunStatus = 'queued' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
export const NODE_STATUSES = ['pending', 'running', 'review', 'blocked', 'done', 'failed', 'paused', 'stopped'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export interface Run {
  run_id: string;
  project_id: string;
  graph_id: string;
  status: RunStatus;
  options?: Partial<RunOptionsBody> | null;
  reason?: string | null;
  started_at: string;
  finished_at?: string | null;
  usage?: { input_tokens: number; output_tokens: number; cost_usd: number } | null;
  version: number;
  counts: Partial<Record<NodeStatus, number>>;
  running_agents: { task_id: string; key: string; attempt_id: string | null; paused: boolean }[];
  progress: { done: number; total: number; percent: number };
  elapsed_ms: number;
}

export interface RunNode {
  task_id: string;
  key: string;
  title: string;
  depends_on?: string[];
  status: NodeStatus;
  state?: string;
  paused?: boolean;
  attempt_id?: string | null;
  attempts?: number;
  reason?: string | null;
  blocked_by?: string | null;
  merging?: boolean;
}

/** An edge from a task to one it depends on (task ids). */
export interface RunDiagram {
  run_id: string;
  status: RunStatus;
  nodes: RunNode[];
  edges: { from: string; to: string; kind?: string }[];
}

/** Calls the endpoint with an optional JSON body. */
export const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => request<T>(method, path, { body });

const enc = encodeURIComponent;
export const planPaths = {
  project: (projectId: string) => `/api/v1/projects/${enc(projectId)}`,
  save: (projectId: string) => `/api/v1/projects/${enc(projectId)}/plans`,
  plan: (planId: string, version?: number | null) =>
    `/api/v1/plans/${enc(planId)}${version ? `?version=${version}` : ''}`,
  compile: (planId: string) => `/api/v1/plans/${enc(planId)}/compile`,
  confirm: (planId: string) => `/api/v1/plans/${enc(planId)}/confirm`,
  archive: (planId: string) => `/api/v1/plans/${enc(planId)}/archive`,
  graph: (graphId: string) => `/api/v1/graphs/${enc(graphId)}`,
  runGraph: (graphId: string) => `/api/v1/graphs/${enc(graphId)}/run`,
  agents: '/api/v1/agents',
  projectRuns: (projectId: string) => `/api/v1/projects/${enc(projectId)}/runs`,
  run: (runId: string) => `/api/v1/runs/${enc(runId)}`,
  diagram: (runId: string) => `/api/v1/runs/${enc(runId)}/diagram`,
  events: (runId: string, after?: string | null) =>
    `/api/v1/runs/${enc(runId)}/events${after ? `?after=${enc(after)}` : ''}`,
  runAction: (runId: string, action: 'pause' | 'resume' | 'cancel') => `/api/v1/runs/${enc(runId)}/${action}`,
  taskAction: (taskId: string, action: 'pause' | 'resume' | 'stop') => `/api/v1/tasks/${enc(taskId)}/${action}`,
  promote: (taskId: string) => `/api/v1/tasks/${enc(taskId)}/promote`,
};

export const planApi = {
  project: (projectId: string) => call<ProjectWithPlan>('GET', planPaths.project(projectId)),
  plan: (planId: string, version?: number | null) => call<PlanVersion>('GET', planPaths.plan(planId, version)),
  save: (projectId: string, body: SavePlanBody) =>
    call<{ plan_id: string; version: number }>('POST', planPaths.save(projectId), body),
  compile: (planId: string, mode: CompileMode, version?: number) =>
    call<CompiledGraph>('POST', planPaths.compile(planId), version === undefined ? { mode } : { mode, version }),
  confirm: (planId: string, version: number, graphId?: string | null) =>
    call<Confirmed>('POST', planPaths.confirm(planId), graphId ? { version, graph_id: graphId } : { version }),
  archive: (planId: string, version: number) =>
    call<{ plan_id: string; status: string }>('POST', planPaths.archive(planId), { version }),
  graph: (graphId: string) => call<CompiledGraph & { confirmed: boolean }>('GET', planPaths.graph(graphId)),
  agents: () => callAll<AgentProfile>(planPaths.agents),
  runGraph: (graphId: string, body: RunOptionsBody) =>
    call<{ run_id: string; status: string }>('POST', planPaths.runGraph(graphId), body),
  projectRuns: (projectId: string) => call<{ items: Run[] }>('GET', planPaths.projectRuns(projectId)),
  run: (runId: string) => call<Run>('GET', planPaths.run(runId)),
  diagram: (runId: string) => call<RunDiagram>('GET', planPaths.diagram(runId)),
  runAction: (runId: string, action: 'pause' | 'resume' | 'cancel') =>
    call<{ run_id: string; status: string }>('POST', planPaths.runAction(runId, action)),
  taskAction: (taskId: string, action: 'pause' | 'resume' | 'stop') =>
    call<{ task_id: string }>('POST', planPaths.taskAction(taskId, action)),
  promote: (taskId: string, attemptId: string) =>
    call<{ task_id: string; status: string }>('POST', planPaths.promote(taskId), { attempt_id: attemptId }),
};
