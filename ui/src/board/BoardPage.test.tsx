import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Board, TaskDetail } from '../api';
import { boardColumns } from '../board';
import { boardKey, useMoveTask } from '../hooks';
import { alphaBoard, fail, ok } from '../test/fixtures';
import { fakeAppServer, renderApp } from '../test/app';
import { fakeBoardLayout } from '../test/server';

const server = fakeAppServer();

const column = (name: string) => within(screen.getByRole('main')).getByRole('region', { name });
const titlesIn = (name: string) => within(column(name)).queryAllByRole('heading', { level: 3 }).map((h) => h.textContent);


describe('optimistic moves (useMoveTask)', () => {
  function setup() {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryData(boardKey('p1'), alphaBoard);
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const hook = renderHook(() => useMoveTask('p1'), { wrapper });
    const cards = (col: string) =>
      boardColumns(client.getQueryData<Board>(boardKey('p1'))!)
        .find((c) => c.id === col)!
        .tasks.map((t) => t.task_id);
    return { client, hook, cards };
  }

  it('moves the card in the cache before the server answers, and keeps it there when the server agrees', async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))));
    const { hook, cards } = setup();
    let done!: Promise<boolean>;
    act(() => {
      done = hook.result.current.move({ task_id: 't1', column: 'todo', after_task_id: 't2', before_task_id: 't0' });
    });
    // Synchronously: no await between the call and the new order.
    expect(cards('todo')).toEqual(['t2', 't1', 't0']);
    expect(cards('backlog')).toEqual([]);
    expect(fetch).toHaveBeenCalledWith('/api/v1/tasks/t1/move', expect.objectContaining({ method: 'POST' }));
    expect(JSON.parse((vi.mocked(fetch).mock.calls[0][1] as RequestInit).body as string)).toEqual({
      column: 'todo',
      after_task_id: 't2',
      before_task_id: 't0',
    });
    await act(async () => {
      answer(new Response(JSON.stringify(ok({ task_id: 't1', version: 4 })), { status: 200 }));
      expect(await done).toBe(true);
    });
    expect(hook.result.current.error).toBeNull();
  });

  it("snaps back and keeps the server's message when the move is refused", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(fail('INVALID_STATE', 'project p1 is archived: its tasks are read-only')), { status: 409 })),
    );
    const { hook, cards } = setup();
    await act(async () => {
      expect(await hook.result.current.move({ task_id: 't2', column: 'review' })).toBe(false);
    });
    expect(cards('todo')).toEqual(['t2', 't0']);
    expect(cards('review')).toEqual([]);
    expect(hook.result.current.error?.message).toBe('project p1 is archived: its tasks are read-only');
    expect(hook.result.current.error?.code).toBe('INVALID_STATE');
  });
});

describe('board page', () => {
  it('moves a card with the keyboard and shows a refusal with the server message', async () => {
    const layout = fakeBoardLayout();
    server.on((call) =>
      call.url.endsWith('/move') ? { status: 409, body: fail('INVALID_STATE', 'Moves are frozen') } : undefined,
    );
    renderApp();
    const handle = await screen.findByRole('button', { name: 'Move Add login' });
    expect(handle).toHaveAttribute('aria-roledescription', 'sortable');
    act(() => handle.focus());
    fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    fireEvent.keyDown(document.activeElement ?? document, { code: 'ArrowRight', key: 'ArrowRight' });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    fireEvent.keyDown(document.activeElement ?? document, { code: 'Space', key: ' ' });

    await waitFor(() => expect(server.commands()).toHaveLength(1));
    const [move] = server.commands();
    expect(move.url).toBe('/api/v1/tasks/t2/move');
    expect((move.body as { column: string }).column).toBe('in_progress');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not move the card: Moves are frozen');
    // Snapped back.
    expect(titlesIn('To Do')).toEqual(['Add login', 'Second in To Do']);
    expect(titlesIn('In Progress')).toEqual(['Fix crash']);
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    layout.mockRestore();
  });

  it('shows a keyboard-moved card in its new column at once, before the server answers', async () => {
    const layout = fakeBoardLayout();
    server.on((call) => (call.url.endsWith('/move') ? new Promise(() => {}) : undefined));
    renderApp();
    const handle = await screen.findByRole('button', { name: 'Move Second in To Do' });
    act(() => handle.focus());
    fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    fireEvent.keyDown(document.activeElement ?? document, { code: 'ArrowUp', key: 'ArrowUp' });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    fireEvent.keyDown(document.activeElement ?? document, { code: 'Space', key: ' ' });
    // No waiting: the drop itself rendered the new order.
    expect(titlesIn('To Do')).toEqual(['Second in To Do', 'Add login']);
    await waitFor(() => expect(server.commands()).toHaveLength(1));
    expect(server.commands()[0]).toMatchObject({
      url: '/api/v1/tasks/t0/move',
      body: { column: 'todo', before_task_id: 't2' },
    });
    expect(screen.queryByRole('alert')).toBeNull();
    layout.mockRestore();
  });

  it('keeps the filters in the URL and asks the board for them', async () => {
    renderApp('#/p/p1');
    await screen.findByRole('heading', { level: 1, name: 'Alpha' });
    server.routes['/api/v1/projects/p1/board?label=auth'] = { status: 200, body: ok(alphaBoard) };
    fireEvent.change(screen.getByRole('combobox', { name: 'Label' }), { target: { value: 'auth' } });
    await waitFor(() => expect(window.location.hash).toBe('#/p/p1?label=auth'));
    await waitFor(() => expect(server.sent('GET', '/api/v1/projects/p1/board?label=auth')).toHaveLength(1));

    server.routes['/api/v1/projects/p1/board?label=auth&status=running'] = { status: 200, body: ok(alphaBoard) };
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'running' } });
    await waitFor(() => expect(window.location.hash).toBe('#/p/p1?label=auth&status=running'));

    server.routes['/api/v1/projects/p1/board?q=login&label=auth&status=running'] = { status: 200, body: ok(alphaBoard) };
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search cards' }), { target: { value: 'login' } });
    await waitFor(() => expect(window.location.hash).toBe('#/p/p1?label=auth&status=running&q=login'));
    await waitFor(() =>
      expect(server.sent('GET', '/api/v1/projects/p1/board?q=login&label=auth&status=running')).toHaveLength(1),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(window.location.hash).toBe('#/p/p1'));
    expect(screen.getByRole('searchbox', { name: 'Search cards' })).toHaveValue('');
  });

  it('reads the filters from the URL it is opened with', async () => {
    server.routes['/api/v1/projects/p1/board?agent=a1'] = { status: 200, body: ok(alphaBoard) };
    renderApp('#/p/p1?agent=a1');
    await screen.findByRole('heading', { level: 1, name: 'Alpha' });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Agent' })).toHaveValue('a1'));
    expect(server.sent('GET', '/api/v1/projects/p1/board')).toHaveLength(0);
  });
});

describe('New Task dialog', () => {
  it('validates, shows a refusal without losing the input, then creates the task', async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'New Task' }));
    const dialog = screen.getByRole('dialog', { name: 'New task' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create task' }));
    expect(within(dialog).getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('A title is required.')).toBeInTheDocument();
    expect(server.commands()).toHaveLength(0);

    let refuse = true;
    server.on((call) =>
      call.url === '/api/v1/projects/p1/tasks'
        ? refuse
          ? { status: 400, body: fail('VALIDATION_FAILED', 'labels: at most 20') }
          : { status: 201, body: ok({ task_id: 'new1', version: 1 }) }
        : undefined,
    );
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Write the README' } });
    fireEvent.change(within(dialog).getByLabelText('Description'), { target: { value: 'For new users' } });
    fireEvent.change(within(dialog).getByLabelText('Criterion 1'), { target: { value: 'Explains setup' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add criterion' }));
    fireEvent.change(within(dialog).getByLabelText('Criterion 2'), { target: { value: 'Has screenshots' } });
    fireEvent.change(within(dialog).getByLabelText('Labels (comma separated)'), { target: { value: 'docs, ui' } });
    fireEvent.change(within(dialog).getByLabelText('Priority'), { target: { value: '2' } });
    fireEvent.change(within(dialog).getByLabelText('Column'), { target: { value: 'todo' } });
    fireEvent.change(within(dialog).getByLabelText('Agent profile'), { target: { value: 'a2' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Write docs' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create task' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('labels: at most 20');
    expect(within(dialog).getByLabelText('Title')).toHaveValue('Write the README');
    expect(within(dialog).getByLabelText('Criterion 2')).toHaveValue('Has screenshots');

    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create task' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const posts = server.sent('POST', '/api/v1/projects/p1/tasks');
    expect(posts).toHaveLength(2);
    expect(posts[1].body).toEqual({
      title: 'Write the README',
      description: 'For new users',
      acceptance_criteria: ['Explains setup', 'Has screenshots'],
      labels: ['docs', 'ui'],
      priority: 2,
      column: 'todo',
      agent_profile_id: 'a2',
      depends_on: ['t1'],
    });
  });
});

describe('New Agent Profile dialog', () => {
  it("creates a profile with the settings page's form and reads the board's agent list again", async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'New Agent Profile' }));
    const dialog = screen.getByRole('dialog', { name: 'New agent profile' });
    expect(within(dialog).getByRole('form', { name: 'New agent profile' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toHaveFocus();
    const agentReads = server.sent('GET', '/api/v1/agents?limit=500').length;

    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'echo bot' } });
    fireEvent.change(within(dialog).getByLabelText(/^Command/), { target: { value: 'sh\n-c\necho hi > out.txt\n' } });
    fireEvent.change(within(dialog).getByLabelText('Role'), { target: { value: 'builder' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.sent('POST', '/api/v1/agents')[0].body).toEqual({
      name: 'echo bot',
      adapter: 'command',
      model: null,
      command: ['sh', '-c', 'echo hi > out.txt'],
      env: {},
      role: 'builder',
    });
    await waitFor(() => expect(server.sent('GET', '/api/v1/agents?limit=500').length).toBeGreaterThan(agentReads));
  });

  it("shows the server's refusal and keeps the input", async () => {
    server.on((call) =>
      call.method === 'POST' && call.url === '/api/v1/agents'
        ? { status: 400, body: fail('VALIDATION_FAILED', 'the command adapter needs a command') }
        : undefined,
    );
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'New Agent Profile' }));
    const dialog = screen.getByRole('dialog', { name: 'New agent profile' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'no command' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('the command adapter needs a command');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('no command');
  });

  it('offers every adapter; Cancel and Escape close it', async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'New Agent Profile' }));
    let dialog = screen.getByRole('dialog', { name: 'New agent profile' });
    const adapter = within(dialog).getByLabelText('Adapter');
    expect(within(adapter).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'command',
      'codex',
      'claude-code',
      'opencode',
      'gemini',
      'moxxy',
    ]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'New Agent Profile' }));
    dialog = screen.getByRole('dialog', { name: 'New agent profile' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

const taskT2: TaskDetail = {
  task_id: 't2',
  project_id: 'p1',
  title: 'Add login',
  description: 'OAuth',
  acceptance_criteria: ['Has a form', 'Rejects bad passwords'],
  checklist: [
    { text: 'Has a form', done: true },
    { text: 'Rejects bad passwords', done: false },
  ],
  labels: ['auth'],
  priority: 1,
  column: 'todo',
  agent_profile_id: 'a1',
  agent_name: 'claude',
  depends_on: ['t1'],
  blocked_by: ['t1'],
  status: 'running',
  attempts: [
    { attempt_id: 'at2', status: 'running', agent_profile_id: 'a1', created_at: '2026-01-02T10:00:00Z' },
    { attempt_id: 'at1', status: 'failed', agent_profile_id: 'a1', created_at: '2026-01-01T10:00:00Z' },
  ],
  steering: [],
  version: 6,
};

describe('task drawer', () => {
  beforeEach(() => {
    server.routes['/api/v1/tasks/t2'] = { status: 200, body: ok(taskT2) };
    server.on((call) => (call.url.startsWith('/api/v1/tasks/t2?min_version=') ? { status: 200, body: ok(taskT2) } : undefined));
  });

  async function openDrawer() {
    renderApp();
    fireEvent.click(await screen.findByRole('link', { name: 'Add login' }));
    const drawer = await screen.findByRole('complementary', { name: 'Add login' });
    await within(drawer).findByRole('heading', { name: 'Details' });
    expect(window.location.hash).toBe('#/p/p1?task=t2');
    return drawer;
  }

  it('opens from the card, shows the task and its attempts newest first', async () => {
    const drawer = await openDrawer();
    expect(within(drawer).getByLabelText('Title')).toHaveValue('Add login');
    expect(within(drawer).getByRole('checkbox', { name: 'Has a form' })).toBeChecked();
    expect(within(drawer).getByText('Write docs')).toBeInTheDocument();
    const attempts = within(drawer).getByRole('list', { name: 'Attempt history, newest first' });
    const links = within(attempts).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#/attempts/at2', '#/attempts/at1']);
    fireEvent.click(within(drawer).getByRole('button', { name: 'Close task' }));
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    expect(window.location.hash).toBe('#/p/p1');
  });

  it('calls the right endpoint for each control', async () => {
    const drawer = await openDrawer();
    const click = async (name: string) => {
      const button = within(drawer).getByRole('button', { name });
      await waitFor(() => expect(button).toBeEnabled());
      fireEvent.click(button);
      await waitFor(() => expect(within(drawer).getByRole('button', { name })).toBeEnabled());
    };
    fireEvent.click(within(drawer).getByRole('checkbox', { name: 'Rejects bad passwords' }));
    await waitFor(() => expect(server.commands()).toHaveLength(1));
    await waitFor(() => expect(within(drawer).getByRole('button', { name: 'Run' })).toBeEnabled());
    fireEvent.change(within(drawer).getByLabelText('Agent profile for the run'), { target: { value: 'a2' } });
    await click('Run');
    await click('Cancel attempt');
    await click('Pause');
    await click('Resume');
    await click('Stop');
    fireEvent.change(within(drawer).getByLabelText('Assigned agent profile'), { target: { value: '' } });
    await waitFor(() => expect(server.commands()).toHaveLength(7));
    await waitFor(() => expect(within(drawer).getByRole('button', { name: 'Run' })).toBeEnabled());
    fireEvent.click(within(drawer).getByRole('button', { name: 'Remove dependency on Write docs' }));
    await waitFor(() => expect(server.commands()).toHaveLength(8));

    expect(server.commands().map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/v1/tasks/t2/checklist/1', { done: true }],
      ['POST', '/api/v1/tasks/t2/attempts', { agent_profile_id: 'a2' }],
      ['POST', '/api/v1/attempts/at2/cancel', {}],
      ['POST', '/api/v1/tasks/t2/pause', {}],
      ['POST', '/api/v1/tasks/t2/resume', {}],
      ['POST', '/api/v1/tasks/t2/stop', {}],
      ['PATCH', '/api/v1/tasks/t2', { agent_profile_id: null }],
      ['PATCH', '/api/v1/tasks/t2', { depends_on: [] }],
    ]);
    // A task command reads the task back at the version it answered.
    expect(server.sent('GET', '/api/v1/tasks/t2?min_version=7').length).toBeGreaterThan(0);
  });

  it("saves edited details, and on a refusal shows the server's message and keeps the input", async () => {
    const drawer = await openDrawer();
    server.on((call) =>
      call.method === 'PATCH' ? { status: 409, body: fail('CONFLICT', 'The task changed meanwhile') } : undefined,
    );
    fireEvent.change(within(drawer).getByLabelText('Title'), { target: { value: 'Add login (OAuth)' } });
    fireEvent.change(within(drawer).getByLabelText('Labels (comma separated)'), { target: { value: 'auth, web' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Save details' }));
    expect(await within(drawer).findByRole('alert')).toHaveTextContent('The task changed meanwhile');
    expect(within(drawer).getByLabelText('Title')).toHaveValue('Add login (OAuth)');
    expect(server.sent('PATCH', '/api/v1/tasks/t2')[0].body).toEqual({ title: 'Add login (OAuth)', labels: ['auth', 'web'] });

    fireEvent.change(within(drawer).getByLabelText('Title'), { target: { value: '  ' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Save details' }));
    expect(within(drawer).getByText('A title is required.')).toBeInTheDocument();
    expect(server.sent('PATCH', '/api/v1/tasks/t2')).toHaveLength(1);
  });

  it('steers with a comment and an optional prompt patch', async () => {
    const drawer = await openDrawer();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Steer' }));
    expect(within(drawer).getByText('Write a comment for the agent.')).toBeInTheDocument();
    fireEvent.change(within(drawer).getByLabelText('Comment'), { target: { value: 'Use the existing session store' } });
    fireEvent.change(within(drawer).getByLabelText('Prompt patch (optional)'), { target: { value: 'Do not add deps' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Steer' }));
    await waitFor(() => expect(within(drawer).getByLabelText('Comment')).toHaveValue(''));
    expect(server.sent('POST', '/api/v1/tasks/t2/steer')[0].body).toEqual({
      comment: 'Use the existing session store',
      prompt_patch: 'Do not add deps',
    });
  });
});
