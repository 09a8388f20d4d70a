import './testSetup';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlanPage } from './PlanPage';
import { runBody } from './RunDialog';
import { compiledGraph, samplePlan } from './testData';

type Reply = { status: number; body: unknown };
type Call = { method: string; url: string; body: unknown };
let replies: Record<string, Reply | Reply[]>;
let calls: Call[];

const ok = (data: unknown, status = 200): Reply => ({ status, body: { ok: true, data } });
const refused = (status: number, code: string, message: string, details?: unknown): Reply => ({
  status,
  body: { ok: false, error: { code, message, details } },
});

beforeEach(() => {
  calls = [];
  replies = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const entry = replies[`${method} ${url}`];
      const reply = Array.isArray(entry) ? (entry.length > 1 ? entry.shift()! : entry[0]) : entry;
      const answer = reply ?? refused(404, 'NOT_FOUND', `no route ${method} ${url}`);
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

function renderWith(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

const sent = (method: string, url: string) => calls.filter((c) => c.method === method && c.url === url);

const project = (latest: unknown) => ok({ project_id: 'p1', name: 'Alpha', default_branch: 'main', latest_plan: latest });

function withSamplePlan() {
  replies['GET /api/v1/projects/p1'] = project({ plan_id: 'plan-1', version: 2, status: 'draft' });
  replies['GET /api/v1/plans/plan-1'] = ok(samplePlan);
}

async function addTask(title: string) {
  const form = screen.getByRole('form', { name: 'Add a node' });
  fireEvent.change(within(form).getByLabelText('Layer'), { target: { value: 'task' } });
  fireEvent.change(within(form).getByLabelText('Title'), { target: { value: title } });
  fireEvent.change(within(form).getByLabelText('Notes'), { target: { value: 'Do it' } });
  fireEvent.change(within(form).getByLabelText(/Acceptance criteria/), { target: { value: 'one\n\n two ' } });
  fireEvent.click(within(form).getByLabelText('MVP'));
  fireEvent.click(within(form).getByRole('button', { name: 'Add node' }));
}

describe('PlanPage', () => {
  it('starts an empty plan for a project without one and saves the nodes and edges drawn', async () => {
    replies['GET /api/v1/projects/p1'] = project(null);
    replies['POST /api/v1/projects/p1/plans'] = ok({ plan_id: 'plan-1', version: 1 }, 201);
    replies['GET /api/v1/plans/plan-1?version=1'] = ok({
      ...samplePlan,
      plan_version: 1,
      latest_version: 1,
      nodes: [],
      edges: [],
    });
    renderWith(<PlanPage projectId="p1" />);
    await screen.findByText('No nodes yet: add one above.');
    await addTask('Login');
    await addTask('Logout');
    expect(await screen.findByRole('button', { name: 'Logout (task-2)' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Edge from'), { target: { value: 'task-2' } });
    fireEvent.change(screen.getByLabelText('Edge to'), { target: { value: 'task-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add edge' }));
    expect(within(screen.getByRole('list', { name: 'Edges' })).getByText('Logout depends on Login')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved as version 1.');
    expect(sent('POST', '/api/v1/projects/p1/plans')[0].body).toEqual({
      nodes: [
        { key: 'task-1', layer: 'task', title: 'Login', notes: 'Do it', acceptance_criteria: ['one', 'two'], mvp: true },
        { key: 'task-2', layer: 'task', title: 'Logout', notes: 'Do it', acceptance_criteria: ['one', 'two'], mvp: true },
      ],
      edges: [{ from: 'task-2', to: 'task-1', kind: 'depends_on' }],
      metadata: {},
    });
  });

  it('shows the nodes where they were put, ELK placing the others, and saves a node moved with the version', async () => {
    replies['GET /api/v1/projects/p1'] = project({ plan_id: 'plan-1', version: 2, status: 'draft' });
    replies['GET /api/v1/plans/plan-1'] = ok({ ...samplePlan, metadata: { zoom: 1.5, positions: { a1: { x: 1000, y: 2000 } } } });
    replies['POST /api/v1/projects/p1/plans'] = ok({ plan_id: 'plan-1', version: 3 }, 201);
    replies['GET /api/v1/plans/plan-1?version=3'] = ok({ ...samplePlan, plan_version: 3, latest_version: 3 });
    renderWith(<PlanPage projectId="p1" />);
    const node = (key: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${key}"]`)!;
    // where React Flow draws a node
    const at = (key: string) => {
      const [, x, y] = node(key)?.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\)/) ?? [];
      return x === undefined ? null : { x: Number(x), y: Number(y) };
    };
    // ELK has placed the others
    await waitFor(() => expect(at('a2') ?? { x: 0, y: 0 }).not.toEqual({ x: 0, y: 0 }));
    expect(at('a1')).toEqual({ x: 1000, y: 2000 });
    const { x, y } = at('a2')!;
    expect(screen.queryByText('unsaved changes')).toBeNull();

    // a node moved by hand (the arrow keys move the selected one 5 px) is an unsaved change
    fireEvent.click(screen.getByRole('button', { name: 'Task a2 (a2)' }));
    await waitFor(() => expect(node('a2')).toHaveClass('selected'));
    fireEvent.keyDown(node('a2'), { key: 'ArrowRight' });
    await waitFor(() => expect(at('a2')).toEqual({ x: Math.round(x + 5), y: Math.round(y) }));
    expect(screen.getByText('unsaved changes')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved as version 3.');
    expect(sent('POST', '/api/v1/projects/p1/plans')[0].body).toMatchObject({
      metadata: { zoom: 1.5, positions: { a1: { x: 1000, y: 2000 }, a2: { x: Math.round(x + 5), y: Math.round(y) } } },
    });
  });

  it('loads the latest plan, edits a node and deletes an edge', async () => {
    withSamplePlan();
    renderWith(<PlanPage projectId="p1" />);
    const a2 = await screen.findByRole('button', { name: 'Task a2 (a2)' });
    expect(screen.getByText('v2 · draft')).toBeInTheDocument();
    fireEvent.click(a2);
    const form = screen.getByRole('form', { name: 'Edit a2' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Sign up' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(await screen.findByRole('button', { name: 'Sign up (a2)' })).toBeInTheDocument();
    expect(screen.getByText('unsaved changes')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Remove edge: Task a3 depends on Task a1' }));
    expect(screen.queryByText('Task a3 depends on Task a1')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Delete node' }));
    expect(screen.queryByRole('button', { name: 'Sign up (a2)' })).not.toBeInTheDocument();
  });

  it('reads another version from the version picker', async () => {
    withSamplePlan();
    replies['GET /api/v1/plans/plan-1?version=1'] = ok({
      ...samplePlan,
      plan_version: 1,
      status: 'archived',
      nodes: [{ key: 'vision', layer: 'vision', title: 'Old vision' }],
      edges: [],
    });
    renderWith(<PlanPage projectId="p1" />);
    await screen.findByRole('button', { name: 'Task a2 (a2)' });
    fireEvent.change(screen.getByLabelText('Version'), { target: { value: '1' } });
    expect(await screen.findByRole('button', { name: 'Old vision (vision)' })).toBeInTheDocument();
    expect(screen.getByText('v1 · archived')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Task a2 (a2)' })).not.toBeInTheDocument();
  });

  it('marks a cycle the compiler found on the canvas and keeps the unsaved work', async () => {
    withSamplePlan();
    replies['POST /api/v1/projects/p1/plans'] = ok({ plan_id: 'plan-1', version: 3 }, 201);
    replies['GET /api/v1/plans/plan-1?version=3'] = ok({ ...samplePlan, plan_version: 3, latest_version: 3 });
    replies['POST /api/v1/plans/plan-1/compile'] = refused(
      422,
      'CYCLE_DETECTED',
      'the plan has a cycle: a1 -> s4 -> s2 -> s1 -> a2 -> a1',
      { cycle: ['a1', 's4', 's2', 's1', 'a2', 'a1'] },
    );
    renderWith(<PlanPage projectId="p1" />);
    await screen.findByRole('button', { name: 'Task a2 (a2)' });
    fireEvent.change(screen.getByLabelText('Edge from'), { target: { value: 'a1' } });
    fireEvent.change(screen.getByLabelText('Edge to'), { target: { value: 's4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add edge' }));
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'mvp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save & compile' }));
    const alert = await screen.findByText(/dependency cycle: a1 → s4 → s2 → s1 → a2 → a1/);
    expect(alert).toHaveAttribute('role', 'alert');
    // saved first, then compiled that version
    expect(sent('POST', '/api/v1/projects/p1/plans')[0].body).toMatchObject({
      edges: expect.arrayContaining([{ from: 'a1', to: 's4', kind: 'depends_on' }]),
    });
    expect(sent('POST', '/api/v1/plans/plan-1/compile')[0].body).toEqual({ mode: 'mvp', version: 3 });
    const nodes = screen.getByRole('list', { name: 'Task nodes' });
    expect(within(nodes).getAllByText('in cycle')).toHaveLength(5);
    const inCycle = within(screen.getByRole('list', { name: 'Edges' })).getAllByText('in cycle');
    expect(inCycle).toHaveLength(5);
    expect(screen.getByText('Task a1 depends on Task s4')).toBeInTheDocument();
    // the canvas marks them too
    await waitFor(() => expect(document.querySelectorAll('.plan-node--cycle').length).toBe(5));
  });

  it('compiles, confirms and runs, then goes to the run', async () => {
    withSamplePlan();
    replies['POST /api/v1/plans/plan-1/compile'] = ok(compiledGraph);
    replies['POST /api/v1/plans/plan-1/confirm'] = ok({ ...compiledGraph, status: 'confirmed', tasks_on_board: 8 });
    replies['GET /api/v1/agents?limit=500'] = ok({
      items: [{ agent_profile_id: 'ag-1', name: 'Codex', adapter: 'codex', model: null }],
    });
    replies['GET /api/v1/projects/p1/runs'] = ok({
      items: [{ run_id: 'r-0123456789', status: 'completed', started_at: '2025-01-01T00:00:00Z' }],
      next: null,
    });
    replies['POST /api/v1/graphs/g-1/run'] = [
      refused(422, 'VALIDATION_ERROR', 'target_branch: no branch nope'),
      ok({ run_id: 'r-1', status: 'running' }, 201),
    ];
    const navigate = vi.fn();
    renderWith(<PlanPage projectId="p1" onNavigate={navigate} />);
    await screen.findByRole('button', { name: 'Task a2 (a2)' });
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Run…' })).toBeDisabled();
    expect(await screen.findByRole('link', { name: 'Run r-012345' })).toHaveAttribute('href', '#/runs/r-0123456789');
    fireEvent.click(screen.getByRole('button', { name: 'Compile' }));
    await screen.findByText('Compiled version 2 (full): 8 tasks.');
    expect(sent('POST', '/api/v1/plans/plan-1/compile')[0].body).toEqual({ mode: 'full', version: 2 });
    expect(sent('POST', '/api/v1/projects/p1/plans')).toHaveLength(0);
    const tasks = screen.getByRole('region', { name: /Compiled tasks/ });
    expect(within(tasks).getByText('Task s4')).toBeInTheDocument();
    expect(within(tasks).getByText(/depends on s2, a4/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Confirmed version 2: 8 of 8 tasks on the board.');
    expect(sent('POST', '/api/v1/plans/plan-1/confirm')[0].body).toEqual({ version: 2, graph_id: 'g-1' });

    fireEvent.click(screen.getByRole('button', { name: 'Run…' }));
    const dialog = screen.getByRole('dialog', { name: 'Run the graph' });
    await within(dialog).findByRole('option', { name: 'Codex (codex)' });
    fireEvent.change(within(dialog).getByLabelText('Max agents'), { target: { value: '4' } });
    fireEvent.change(within(dialog).getByLabelText('Target branch'), { target: { value: 'nope' } });
    fireEvent.change(within(dialog).getByLabelText('Agent profile'), { target: { value: 'ag-1' } });
    fireEvent.change(within(dialog).getByLabelText('Merge policy'), { target: { value: 'auto_on_gates_pass' } });
    fireEvent.change(within(dialog).getByLabelText('Failure policy'), { target: { value: 'retry' } });
    fireEvent.change(within(dialog).getByLabelText('Retry limit'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    expect(await within(dialog).findByText('target_branch: no branch nope')).toBeInTheDocument();
    expect(navigate).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('Target branch'), { target: { value: 'main' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('#/runs/r-1'));
    expect(sent('POST', '/api/v1/graphs/g-1/run')[1].body).toEqual({
      max_agents: 4,
      target_branch: 'main',
      agent_profile_id: 'ag-1',
      merge_policy: 'auto_on_gates_pass',
      failure_policy: 'retry',
      retry_limit: 2,
    });
  });

  it('shows a refused compile and leaves the canvas as it was', async () => {
    withSamplePlan();
    replies['POST /api/v1/plans/plan-1/compile'] = refused(422, 'VALIDATION_ERROR', 'mvp mode keeps no task');
    renderWith(<PlanPage projectId="p1" />);
    await screen.findByRole('button', { name: 'Task a2 (a2)' });
    fireEvent.click(screen.getByRole('button', { name: 'Compile' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('mvp mode keeps no task');
    expect(screen.getByRole('button', { name: 'Task a2 (a2)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeDisabled();
  });
});

describe('run options', () => {
  it('sends retry_limit only with the retry policy and no profile as null', () => {
    const fields = {
      maxAgents: '3',
      targetBranch: ' main ',
      agentProfileId: '',
      mergePolicy: 'manual' as const,
      failurePolicy: 'fail_fast' as const,
      retryLimit: '2',
    };
    expect(runBody(fields)).toEqual({
      max_agents: 3,
      target_branch: 'main',
      agent_profile_id: null,
      merge_policy: 'manual',
      failure_policy: 'fail_fast',
    });
    expect(runBody({ ...fields, failurePolicy: 'retry' }).retry_limit).toBe(2);
  });
});
