// Realistic bodies for the plan tests (after api/src/test/java/dev/baton/api/support/SamplePlan.java).
import type { CompiledGraph, PlanEdge, PlanNode, PlanVersion, Run, RunDiagram } from './api';

const TASKS = ['a1', 'a2', 'a3', 'a4', 's1', 's2', 's3', 's4'];
export const DEPENDENCIES: Record<string, string[]> = {
  a1: [], a2: ['a1'], a3: ['a1'], a4: ['a2', 'a3'], s1: ['a2'], s2: ['s1'], s3: ['s2'], s4: ['s2', 'a4'],
};

const nodes: PlanNode[] = [
  { key: 'vision', layer: 'vision', title: 'A small shop', notes: 'Sell socks online', acceptance_criteria: [], mvp: false, parent: null },
  { key: 'auth', layer: 'module', title: 'Accounts', notes: '', acceptance_criteria: ['passwords are hashed'], mvp: false, parent: 'vision' },
  { key: 'shop', layer: 'module', title: 'Shop', notes: '', acceptance_criteria: [], mvp: false, parent: null },
  ...TASKS.map((t) => ({
    key: t,
    layer: 'task' as const,
    title: `Task ${t}`,
    notes: `Build ${t}`,
    acceptance_criteria: [`${t} works`],
    mvp: t === 'a1' || t === 's1',
    parent: t.startsWith('a') ? 'auth' : 'shop',
  })),
];
const edges: PlanEdge[] = [
  { from: 'vision', to: 'shop', kind: 'contains' },
  ...TASKS.flatMap((t) => DEPENDENCIES[t].map((d) => ({ from: t, to: d, kind: 'depends_on' as const }))),
];

/** As the API answers it; the body saved back leaves out empty fields. */
export const samplePlan: PlanVersion = {
  plan_id: 'plan-1',
  project_id: 'p1',
  plan_version: 2,
  latest_version: 2,
  status: 'draft',
  nodes: nodes.map((n) => {
    const out: PlanNode = { key: n.key, layer: n.layer, title: n.title };
    if (n.notes) out.notes = n.notes;
    if (n.acceptance_criteria?.length) out.acceptance_criteria = n.acceptance_criteria;
    if (n.mvp) out.mvp = true;
    if (n.parent) out.parent = n.parent;
    return out;
  }),
  edges,
  metadata: { zoom: 1.5 },
  graphs: [],
  confirmed_graph_id: null,
  created_at: '2025-01-01T00:00:00Z',
  confirmed_at: null,
  version: 5,
};

export const compiledGraph: CompiledGraph = {
  graph_id: 'g-1',
  plan_id: 'plan-1',
  plan_version: 2,
  mode: 'full',
  version: 6,
  tasks: TASKS.map((t) => ({
    key: t,
    task_id: `task-id-${t}`,
    title: `Task ${t}`,
    description: `Build ${t}`,
    acceptance_criteria: [`${t} works`],
    depends_on: DEPENDENCIES[t],
  })),
};

export function sampleDiagram(status: Record<string, string> = {}): RunDiagram {
  return {
    run_id: 'r-1',
    status: 'running',
    nodes: TASKS.map((t) => ({
      task_id: `task-id-${t}`,
      key: t,
      title: `Task ${t}`,
      depends_on: DEPENDENCIES[t].map((d) => `task-id-${d}`),
      state: status[t] ?? 'pending',
      paused: false,
      status: (status[t] ?? 'pending') as RunDiagram['nodes'][number]['status'],
      attempt_id: status[t] && status[t] !== 'pending' ? `att-${t}` : null,
      attempts: status[t] && status[t] !== 'pending' ? 1 : 0,
      reason: null,
      blocked_by: null,
      merging: false,
    })),
    edges: TASKS.flatMap((t) => DEPENDENCIES[t].map((d) => ({ from: `task-id-${t}`, to: `task-id-${d}`, kind: 'depends_on' }))),
  };
}

export function sampleRun(overrides: Partial<Run> = {}): Run {
  return {
    run_id: 'r-1',
    project_id: 'p1',
    graph_id: 'g-1',
    status: 'running',
    options: { max_agents: 3, target_branch: 'main', agent_profile_id: null, merge_policy: 'manual', failure_policy: 'fail_fast', retry_limit: 0 },
    reason: null,
    started_at: '2025-01-01T00:00:00Z',
    finished_at: null,
    usage: { input_tokens: 1200, output_tokens: 300, cost_usd: 0.0123 },
    version: 9,
    counts: { pending: 5, running: 1, review: 0, blocked: 0, done: 2, failed: 0, paused: 0, stopped: 0 },
    running_agents: [{ task_id: 'task-id-a2', key: 'a2', attempt_id: 'att-a2', paused: false }],
    progress: { done: 2, total: 8, percent: 25 },
    elapsed_ms: 65_000,
    ...overrides,
  };
}
