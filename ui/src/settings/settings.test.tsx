import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ada } from '../test/fixtures';
import { argvOf, envOf } from './api';
import { ProfileForm } from './AgentProfiles';
import { ConnectionForm, MoxxyJobs, VaultForm } from './MoxxySettings';
import { Templates } from './Templates';
import { SettingsPage } from './SettingsPage';

type Reply = { status: number; body: unknown };
type Call = { method: string; url: string; body: unknown };
let replies: Record<string, Reply>;
let calls: Call[];

const ok = (data: unknown): Reply => ({ status: 200, body: { ok: true, data } });
const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { ok: false, error: { code, message } },
});

beforeEach(() => {
  calls = [];
  replies = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const reply = replies[`${method} ${url}`] ?? refused(404, 'NOT_FOUND', `no route ${method} ${url}`);
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

function renderWith(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

const sent = (method: string, url: string) => calls.filter((c) => c.method === method && c.url === url);

describe('form helpers', () => {
  it('reads argv one argument per line and env as KEY=VALUE lines', () => {
    expect(argvOf('bash\n -c \n\necho hi\n')).toEqual(['bash', '-c', 'echo hi']);
    expect(envOf('A=1\nB = two=2\n')).toEqual({ A: '1', B: ' two=2' });
    expect(() => envOf('NOVALUE')).toThrow('"NOVALUE" is not KEY=VALUE');
  });
});

describe('project settings', () => {
  const project = {
    project_id: 'p1',
    name: 'Alpha',
    vision: null,
    default_branch: 'main',
    commands: { install: null, test: 'npm test', lint: null },
    budgets: null,
    bot_identity: null,
    version: 3,
  };

  it('saves the edited settings with PATCH and shows the validation checks', async () => {
    replies['GET /api/v1/projects/p1'] = ok(project);
    replies['PATCH /api/v1/projects/p1'] = ok({ project_id: 'p1', version: 4 });
    replies['POST /api/v1/projects/p1/validate'] = ok({
      ok: false,
      checks: [
        { name: 'repository', ok: true, message: 'reachable' },
        { name: 'test command', ok: false, message: 'npm not found' },
      ],
    });
    renderWith(<SettingsPage projectId="p1" />);
    const name = await screen.findByLabelText('Name');
    fireEvent.change(name, { target: { value: 'Alpha 2' } });
    fireEvent.change(screen.getByLabelText('Lint'), { target: { value: 'npm run lint' } });
    fireEvent.change(screen.getByLabelText(/Parallel attempts/), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved (version 4)');
    expect(sent('PATCH', '/api/v1/projects/p1')[0].body).toEqual({
      name: 'Alpha 2',
      vision: '',
      default_branch: 'main',
      commands: { install: null, test: 'npm test', lint: 'npm run lint' },
      budgets: { max_parallel_attempts: 3, max_runtime_seconds: null },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
    const checks = await screen.findByRole('list', { name: 'Validation checks' });
    expect(within(checks).getByText(/test command/).closest('li')).toHaveClass('check-failed');
    expect(checks).toHaveTextContent('npm not found');
  });

  it('shows a refused save with the server message and keeps what was typed', async () => {
    replies['GET /api/v1/projects/p1'] = ok(project);
    replies['PATCH /api/v1/projects/p1'] = refused(400, 'VALIDATION_FAILED', 'name must not be blank');
    renderWith(<SettingsPage projectId="p1" />);
    fireEvent.change(await screen.findByLabelText('Default branch'), { target: { value: 'trunk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('name must not be blank');
    expect(screen.getByLabelText('Default branch')).toHaveValue('trunk');
  });
});

describe('agent profiles', () => {
  it('creates a command profile with its argv and environment', async () => {
    replies['POST /api/v1/agents'] = ok({ agent_profile_id: 'a1', version: 0 });
    const onDone = vi.fn();
    renderWith(<ProfileForm profile={null} onDone={onDone} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Scribe' } });
    fireEvent.change(screen.getByLabelText(/Command/), { target: { value: 'bash\n-c\necho "$BATON_PROMPT" > TASK.md' } });
    fireEvent.change(screen.getByLabelText(/Environment/), { target: { value: 'LANG=C' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent('POST', '/api/v1/agents')[0].body).toEqual({
      name: 'Scribe',
      adapter: 'command',
      model: null,
      command: ['bash', '-c', 'echo "$BATON_PROMPT" > TASK.md'],
      env: { LANG: 'C' },
      role: 'generic',
    });
  });

  it('belongs to the caller or to a team they may write in, chosen when it is created', async () => {
    replies['GET /api/v1/auth/me'] = ok(ada);
    replies['POST /api/v1/agents'] = ok({ agent_profile_id: 'a2', version: 0 });
    const onDone = vi.fn();
    renderWith(<ProfileForm profile={null} onDone={onDone} />);
    const owner = await screen.findByLabelText('Owner');
    expect(within(owner).getAllByRole('option').map((o) => o.textContent)).toEqual(['Me (ada)', 'Team Core', 'Team Ops']);
    fireEvent.change(owner, { target: { value: 't-ops' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Shared' } });
    fireEvent.change(screen.getByLabelText(/Command/), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent('POST', '/api/v1/agents')[0].body).toMatchObject({ name: 'Shared', team_id: 't-ops' });
  });

  it('names a moxxy agent in place of a model, and refuses a malformed environment before sending', async () => {
    renderWith(<ProfileForm profile={null} onDone={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Adapter'), { target: { value: 'moxxy' } });
    expect(screen.getByLabelText('moxxy agent')).toHaveAttribute('placeholder', 'default');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Remote' } });
    fireEvent.change(screen.getByLabelText(/Environment/), { target: { value: 'oops' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('"oops" is not KEY=VALUE');
    expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });
});

describe('moxxy', () => {
  it('sends the token once and never shows it again; a refusal keeps the form as typed', async () => {
    replies['PUT /api/v1/moxxy/connection'] = refused(502, 'UPSTREAM_ERROR', 'moxxy refused the token (401)');
    renderWith(<ConnectionForm connection={null} />);
    const token = screen.getByLabelText(/Token \(write-only/);
    expect(token).toHaveAttribute('type', 'password');
    fireEvent.change(token, { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('moxxy refused the token (401)');
    expect(token).toHaveValue('s3cret');

    replies['PUT /api/v1/moxxy/connection'] = ok({ version: 1 });
    replies['GET /api/v1/moxxy/connection?min_version=1'] = ok({
      base_url: 'http://127.0.0.1:17890', token_kind: 'bearer', status: 'connected', verified_at: null, problem: null, version: 1,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(token).toHaveValue(''));
    // the connection is read back once the server's read model has it
    expect(sent('GET', '/api/v1/moxxy/connection?min_version=1')).toHaveLength(1);
    expect(sent('PUT', '/api/v1/moxxy/connection')[1].body).toEqual({
      base_url: 'http://127.0.0.1:17890',
      token: 's3cret',
      token_kind: 'bearer',
    });
  });

  it('shows the connection without a token field filled in', () => {
    renderWith(
      <ConnectionForm
        connection={{ base_url: 'http://m:1', token_kind: 'internal', status: 'connected', verified_at: null, problem: null }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Connected to http://m:1 (internal token)');
    expect(screen.getByLabelText(/Token \(write-only/)).toHaveValue('');
  });

  it('clears a vault value once moxxy has it', async () => {
    replies['POST /api/v1/moxxy/agents/default/vault'] = ok({ name: 'default', key: 'GITHUB_TOKEN', stored_in: 'moxxy' });
    renderWith(<VaultForm agents={['default']} />);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'GITHUB_TOKEN' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'ghp_x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set in vault' }));
    await screen.findByText("GITHUB_TOKEN set in moxxy's vault");
    expect(screen.getByLabelText('Value')).toHaveValue('');
    expect(sent('POST', '/api/v1/moxxy/agents/default/vault')[0].body).toEqual({ key: 'GITHUB_TOKEN', value: 'ghp_x' });
  });

  it('lists the jobs with their tasks, acts only on those that have not ended, and starts one from chosen tasks', async () => {
    const job = (id: string, taskStatus: string, state: string) => ({
      job_id: id, moxxy_job_id: `mx-${id}`, agent: 'default', task_ids: ['t1'], state, task_status: taskStatus,
      detail: null, tracking: 'ok', problem: null, started_at: '2026-11-24T10:00:00Z',
    });
    replies['GET /api/v1/projects/p1/moxxy-jobs'] = ok({ items: [job('j2', 'running', 'executing'), job('j1', 'done', 'completed')] });
    replies['GET /api/v1/projects/p1/board'] = ok({
      columns: [{ tasks: [{ task_id: 't1', title: 'Fix login', column: 'backlog', status: 'idle' }, { task_id: 't2', title: 'Docs', column: 'done', status: 'done' }] }],
    });
    replies['POST /api/v1/moxxy-jobs/j2/cancel'] = ok({ job_id: 'j2', state: 'canceled' });
    replies['POST /api/v1/projects/p1/moxxy-jobs'] = ok({ job_id: 'j3', version: 0 });
    replies['GET /api/v1/moxxy-jobs/j3?min_version=0'] = ok(job('j3', 'queued', 'queued'));
    renderWith(<MoxxyJobs projectId="p1" />);

    await waitFor(() => expect(screen.getAllByRole('row')[1]).toHaveTextContent('Fix login'));
    const rows = screen.getAllByRole('row');
    expect(within(rows[2]).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(sent('POST', '/api/v1/moxxy-jobs/j2/cancel')).toHaveLength(1));

    expect(screen.queryByLabelText('Docs')).toBeNull(); // done tasks are not offered
    fireEvent.click(screen.getByLabelText('Fix login'));
    fireEvent.click(screen.getByRole('button', { name: 'Start orchestration' }));
    await waitFor(() => expect(sent('POST', '/api/v1/projects/p1/moxxy-jobs')[0]?.body).toEqual({ task_ids: ['t1'] }));
    await waitFor(() => expect(sent('GET', '/api/v1/moxxy-jobs/j3?min_version=0')).toHaveLength(1));
  });

  it('lists an agent\'s templates with their roles and deletes one', async () => {
    replies['GET /api/v1/moxxy/agents/default/orchestrate/templates'] = ok({
      items: [
        { template_id: 'simple', name: 'Simple', description: 'One worker', default_worker_mode: 'ephemeral', spawn_profiles: [{ role: 'worker' }] },
        { template_id: 'builder-checker-merger', name: 'BCM', description: 'Three roles', default_worker_mode: null,
          spawn_profiles: [{ role: 'builder' }, { role: 'checker' }, { role: 'merger' }] },
      ],
    });
    replies['DELETE /api/v1/moxxy/agents/default/orchestrate/templates/simple'] = ok({ template_id: 'simple', deleted: true });
    renderWith(<Templates agents={['default']} />);
    const list = await screen.findByRole('list', { name: 'Templates' });
    await waitFor(() => expect(list).toHaveTextContent('roles: builder, checker, merger'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete template simple' }));
    await waitFor(() => expect(sent('DELETE', '/api/v1/moxxy/agents/default/orchestrate/templates/simple')).toHaveLength(1));
  });

  const simple = {
    template_id: 'simple', name: 'Simple', description: 'One worker', default_worker_mode: 'ephemeral',
    default_max_parallelism: null, default_retry_limit: null, default_failure_policy: null, default_merge_policy: null,
    spawn_profiles: [{ role: 'worker', persona: '', provider: '', model: '', runtime_type: 'native', image_profile: 'base' }],
  };
  const TEMPLATES = '/api/v1/moxxy/agents/default/orchestrate/templates';

  it('creates a template: what moxxy would refuse is shown at its field first, then the list is read again', async () => {
    replies[`GET ${TEMPLATES}`] = ok({ items: [simple] });
    replies[`POST ${TEMPLATES}`] = ok({ ...simple, template_id: 'review' });
    renderWith(<Templates agents={['default']} />);
    await screen.findByRole('button', { name: 'Edit template simple' });
    fireEvent.click(screen.getByRole('button', { name: 'New template' }));
    const form = screen.getByRole('form', { name: 'New template' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create template' }));
    expect(within(form).getByLabelText('Template id')).toHaveAccessibleDescription('A template id is required.');
    expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    const worker = within(form).getByRole('group', { name: 'Worker profile 1' });
    expect(within(worker).getByLabelText('Provider')).toHaveAccessibleDescription('A provider is required.');
    expect(sent('POST', TEMPLATES)).toHaveLength(0);

    const type = (scope: HTMLElement, label: string, value: string) =>
      fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
    type(form, 'Template id', 'simple');
    fireEvent.click(within(form).getByRole('button', { name: 'Create template' }));
    expect(within(form).getByLabelText('Template id')).toHaveAccessibleDescription(
      'The agent has a template simple: edit that one instead.',
    );
    type(form, 'Template id', 'review');
    type(form, 'Name', 'Review');
    type(form, 'Description', 'Builds, then reviews');
    type(form, 'Worker mode', 'mixed');
    type(form, 'Max parallelism', '2');
    type(worker, 'Role', 'builder');
    type(worker, 'Provider', 'openai');
    type(worker, 'Model', 'gpt-5');
    fireEvent.click(within(form).getByRole('button', { name: 'Add worker profile' }));
    const second = within(form).getByRole('group', { name: 'Worker profile 2' });
    type(second, 'Role', 'reviewer');
    type(second, 'Persona', 'strict');
    type(second, 'Provider', 'anthropic');
    type(second, 'Model', 'claude');
    const reads = sent('GET', TEMPLATES).length;
    fireEvent.click(within(form).getByRole('button', { name: 'Create template' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New template' })).toBeNull());
    expect(sent('POST', TEMPLATES)[0].body).toEqual({
      template_id: 'review',
      name: 'Review',
      description: 'Builds, then reviews',
      default_worker_mode: 'mixed',
      default_max_parallelism: 2,
      default_retry_limit: null,
      default_failure_policy: null,
      default_merge_policy: null,
      spawn_profiles: [
        { role: 'builder', persona: '', provider: 'openai', model: 'gpt-5', runtime_type: 'native', image_profile: 'base' },
        { role: 'reviewer', persona: 'strict', provider: 'anthropic', model: 'claude', runtime_type: 'native', image_profile: 'base' },
      ],
    });
    expect(sent('GET', TEMPLATES).length).toBe(reads + 1);
  });

  it("edits a template with PATCH, its id kept, and shows moxxy's refusal with the form as typed", async () => {
    replies[`GET ${TEMPLATES}`] = ok({ items: [simple] });
    replies[`PATCH ${TEMPLATES}/simple`] = refused(502, 'UPSTREAM_ERROR', "PATCH /api/agents/default/orchestrate/templates/simple: unknown provider 'acme'");
    renderWith(<Templates agents={['default']} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit template simple' }));
    const form = screen.getByRole('form', { name: 'Edit template simple' });
    expect(within(form).getByLabelText('Template id')).toHaveValue('simple');
    expect(within(form).getByLabelText('Template id')).toHaveAttribute('readonly');
    expect(within(form).getByLabelText('Worker mode')).toHaveValue('ephemeral');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Simpler' } });
    fireEvent.change(within(form).getByLabelText('Provider'), { target: { value: 'acme' } });
    fireEvent.change(within(form).getByLabelText('Model'), { target: { value: 'm1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("unknown provider 'acme'");
    expect(within(form).getByLabelText('Name')).toHaveValue('Simpler');
    const patch = sent('PATCH', `${TEMPLATES}/simple`)[0].body as Record<string, unknown>;
    expect(patch).not.toHaveProperty('template_id');
    expect(patch).toMatchObject({ name: 'Simpler', default_worker_mode: 'ephemeral', spawn_profiles: [{ role: 'worker', provider: 'acme', model: 'm1' }] });

    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Edit template simple' })).toBeNull();
  });
});
