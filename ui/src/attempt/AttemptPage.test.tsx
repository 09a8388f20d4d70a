import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttemptPage } from './index';
import { agent, attempt, fail, FakeEventSource, msg, ok, routeFetch, type Reply } from './testSupport';
import type { Attempt, StreamMessage } from './types';

let routes: Record<string, Reply>;
let fetchMock: ReturnType<typeof routeFetch>;
let navigate: ReturnType<typeof vi.fn<(attemptId: string) => void>>;

const LOGS = '/api/v1/attempts/a1/logs?limit=500';
const page = (items: StreamMessage[], next: string | null = null) => ({ status: 200, body: ok({ items, next }) });

function setAttempt(a: Attempt) {
  routes['/api/v1/attempts/a1'] = { status: 200, body: ok(a) };
}

function renderPage(props: Partial<Parameters<typeof AttemptPage>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AttemptPage attemptId="a1" onNavigate={navigate} {...props} />
    </QueryClientProvider>,
  );
}

const calls = (method: string, url: string) =>
  fetchMock.mock.calls.filter(([u, init]) => u === url && (init?.method ?? 'GET') === method);
const bodyOf = (method: string, url: string) => JSON.parse(String(calls(method, url)[0][1]!.body));

const logRows = () => document.querySelectorAll('[role="log"] .log-row');

beforeEach(() => {
  FakeEventSource.instances = [];
  navigate = vi.fn();
  routes = {};
  setAttempt(attempt());
  routes[LOGS] = page([]);
  fetchMock = routeFetch(routes);
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('EventSource', FakeEventSource);
  // jsdom has no layout: give the log a viewport and each row a height.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(28);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AttemptPage header', () => {
  it('shows status, task link, agent, branch, base, timing and usage', async () => {
    setAttempt(attempt({ agent_name: 'claude' }));
    renderPage();
    const header = await screen.findByRole('banner');
    expect(within(header).getByRole('heading', { level: 1 })).toHaveTextContent('Attempt a1');
    expect(within(header).getByText('Review ready')).toHaveClass('attempt-status', 'attempt-status-review_ready');
    expect(within(header).getByRole('link', { name: 'Open task' })).toHaveAttribute('href', '#/p/p1?task=t1');
    expect(header).toHaveTextContent('claude');
    expect(header).toHaveTextContent('baton/t1-a1');
    expect(header).toHaveTextContent('main @ 0123456789');
    expect(header).toHaveTextContent('1 min 30 s');
    expect(header).toHaveTextContent('1,200 in · 340 out');
    expect(header).toHaveTextContent('$0.0123');
  });

  it("names the agent profile when the attempt carries only its id", async () => {
    routes['/api/v1/agents/ag1'] = {
      status: 200,
      body: ok({ agent_profile_id: 'ag1', name: 'builder', adapter: 'claude-code', model: 'sonnet' }),
    };
    renderPage();
    const header = await screen.findByRole('banner');
    await waitFor(() => expect(header).toHaveTextContent('builder (sonnet)'));
  });

  it('shows the server error when the attempt cannot be read', async () => {
    routes['/api/v1/attempts/a1'] = { status: 404, body: fail('NOT_FOUND', 'attempt a1 not found') };
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('attempt a1 not found');
  });
});

describe('Logs tab', () => {
  it('renders each kind of event', async () => {
    routes[LOGS] = page([
      msg(1, 'STATUS', { from: 'queued', to: 'running' }),
      msg(2, 'PROGRESS', { phase: 'agent', step: 2, total: 3, message: 'starting the agent' }),
      agent(3, { kind: 'message', role: 'assistant', text: 'I will write hello.txt' }),
      agent(4, { kind: 'command', id: 'c1', command: 'npm test', status: 'completed', exit_code: 1, output: 'FAIL x' }),
      agent(5, { kind: 'file_change', id: 'f1', changes: [{ path: 'hello.txt', kind: 'add' }] }),
      agent(6, { kind: 'usage', input_tokens: 1000, output_tokens: 20, cost_usd: 0.5, cumulative: false }),
      msg(7, 'ERROR', { message: 'the agent crashed' }),
      msg(8, 'LOG', { level: 'info', message: 'plain line' }),
    ]);
    renderPage();
    const log = await screen.findByRole('log', { name: 'Attempt log' });
    await waitFor(() => expect(logRows()).toHaveLength(8));
    expect(within(log).getByText('I will write hello.txt').closest('.log-message')).toHaveClass('log-role-assistant');
    expect(within(log).getByText('$ npm test')).toBeInTheDocument();
    expect(within(log).getByText('exit 1')).toHaveClass('is-fail');
    expect(within(log).getByText('hello.txt')).toBeInTheDocument();
    expect(within(log).getByText('added')).toBeInTheDocument();
    expect(log).toHaveTextContent('1,000 input · 20 output tokens · $0.5000');
    expect(within(log).getByText('the agent crashed').closest('.log-error')).toHaveClass('is-fatal');
    expect(log).toHaveTextContent('agent 2/3 starting the agent');
    expect(log).toHaveTextContent('queued → running');
    expect(within(log).getByText('plain line')).toBeInTheDocument();

    // command output is collapsed until asked for
    expect(within(log).queryByText('FAIL x')).toBeNull();
    const toggle = within(log).getByRole('button', { name: 'Show output' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(within(log).getByText('FAIL x')).toBeInTheDocument();
    expect(within(log).getByRole('button', { name: 'Hide output' })).toHaveAttribute('aria-expanded', 'true');

    // raw view: one plain line per message
    fireEvent.click(screen.getByRole('button', { name: 'Raw' }));
    const raw = screen.getByRole('log', { name: 'Raw log' });
    expect(raw.querySelectorAll('.attempt-raw-line')).toHaveLength(8);
    expect(raw).toHaveTextContent('LOG plain line');
    expect(raw).toHaveTextContent('AGENT command $ npm test (exit 1)');
  });

  it('pages through stored messages, then follows the stream after the last seq without duplicates', async () => {
    setAttempt(attempt({ status: 'running', finished_at: null }));
    routes[LOGS] = page([msg(1, 'LOG', { message: 'one' }), msg(2, 'LOG', { message: 'two' })], '2');
    routes['/api/v1/attempts/a1/logs?after=2&limit=500'] = page([msg(3, 'LOG', { message: 'three' })]);
    renderPage();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const es = FakeEventSource.instances[0];
    expect(es.url).toBe('/api/v1/attempts/a1/stream?after=3');
    act(() => es.open());
    expect(screen.getByText('Live')).toBeInTheDocument();

    act(() => {
      es.emit(msg(3, 'LOG', { message: 'three (again)' }));
      es.emit(msg(4, 'LOG', { message: 'four' }));
      es.emit(msg(4, 'LOG', { message: 'four (again)' }));
    });
    await waitFor(() => expect(logRows()).toHaveLength(4));
    expect(screen.getByRole('log')).toHaveTextContent(/one.*two.*three.*four/);
    expect(screen.queryByText('three (again)')).toBeNull();
    expect(screen.queryByText('four (again)')).toBeNull();
  });

  it('refetches the attempt when a status change arrives on the stream', async () => {
    setAttempt(attempt({ status: 'running', finished_at: null }));
    renderPage();
    expect(await screen.findByText('Running')).toBeInTheDocument();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    setAttempt(attempt({ status: 'gates_running', finished_at: null }));
    act(() => FakeEventSource.instances[0].emit(msg(1, 'STATUS', { from: 'running', to: 'gates_running' })));
    expect(await screen.findByText('Gates running')).toBeInTheDocument();
  });

  it('opens no stream for a finished attempt', async () => {
    setAttempt(attempt({ status: 'merged' }));
    routes[LOGS] = page([msg(1, 'LOG', { message: 'done' })]);
    renderPage();
    await screen.findByText('Finished');
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('keeps the newest line in view while auto-scroll is on; scrolling up turns it off', async () => {
    setAttempt(attempt({ status: 'running', finished_at: null }));
    routes[LOGS] = page(Array.from({ length: 50 }, (_, i) => msg(i + 1, 'LOG', { message: `line ${i + 1}` })));
    renderPage();
    const log = await screen.findByRole('log', { name: 'Attempt log' });
    let top = 0;
    const writes: number[] = [];
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => 5000 });
    Object.defineProperty(log, 'scrollTop', {
      configurable: true,
      get: () => top,
      set: (v: number) => {
        top = v;
        writes.push(v);
      },
    });
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const es = FakeEventSource.instances[0];
    const autoScroll = screen.getByRole('checkbox', { name: 'Auto-scroll' });
    expect(autoScroll).toBeChecked();

    act(() => es.emit(msg(51, 'LOG', { message: 'line 51' })));
    await waitFor(() => expect(writes).toContain(5000));

    // the reader scrolls up: auto-scroll turns off and new lines leave the position alone
    top = 4400;
    fireEvent.scroll(log);
    top = 1000;
    fireEvent.scroll(log);
    expect(autoScroll).not.toBeChecked();
    writes.length = 0;
    act(() => es.emit(msg(52, 'LOG', { message: 'line 52' })));
    await waitFor(() => expect(screen.getByText('52 entries')).toBeInTheDocument());
    expect(writes).toEqual([]);
    expect(top).toBe(1000);

    // the toggle turns it back on and jumps to the end
    fireEvent.click(autoScroll);
    expect(autoScroll).toBeChecked();
    expect(writes).toContain(5000);
  });

  it('keeps only the visible rows of a 10,000-line log in the DOM', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => msg(i + 1, 'LOG', { message: `line ${i + 1}` }));
    setAttempt(attempt({ status: 'failed' }));
    routes[LOGS] = page(many);
    renderPage();
    await screen.findByText('10000 entries');
    const rendered = logRows().length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(120);
  });
});

describe('tabs', () => {
  it('are a tablist moved with the arrow keys', async () => {
    renderPage();
    const tablist = await screen.findByRole('tablist', { name: 'Attempt details' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Logs', 'Diff 1', 'Gates 1/1', 'Summary']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(tabs[1]).toHaveAttribute('tabindex', '-1');
    tabs[0].focus();
    fireEvent.keyDown(tabs[0], { key: 'ArrowRight' });
    const diffTab = screen.getByRole('tab', { name: 'Diff 1' });
    expect(diffTab).toHaveAttribute('aria-selected', 'true');
    expect(diffTab).toHaveFocus();
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Diff 1');
    fireEvent.keyDown(diffTab, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Summary' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('Diff tab', () => {
  it('shows the file tree with change types and counts, stats, and the selected file inline', async () => {
    routes['/api/v1/attempts/a1/diff'] = {
      status: 200,
      body: ok({
        files: [
          { path: 'src/app.ts', change: 'modified', additions: 1, deletions: 1, patch: '@@ -1,2 +1,2 @@\n keep\n-old line\n+new line\n' },
          { path: 'hello.txt', change: 'added', additions: 2, deletions: 0, patch: '@@ -0,0 +1,2 @@\n+hello\n+world\n' },
        ],
      }),
    };
    renderPage({ initialTab: 'diff' });
    const tree = await screen.findByRole('navigation', { name: 'Changed files' });
    expect(screen.getByLabelText('Diff stats')).toHaveTextContent('2 files changed, +3 −1');
    const files = within(tree).getAllByRole('button');
    expect(files.map((b) => b.textContent)).toEqual(['Mapp.ts modified+1−1', 'Ahello.txt added+2−0']);
    expect(tree).toHaveTextContent('src/');
    // the first file is shown
    const first = screen.getByRole('region', { name: 'Diff of src/app.ts' });
    expect(first).toHaveTextContent('new line');
    expect(first).toHaveTextContent('old line');
    fireEvent.click(files[1]);
    expect(files[1]).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('region', { name: 'Diff of hello.txt' })).toHaveTextContent('world');
  });

  it('says why there is no diff yet', async () => {
    setAttempt(attempt({ status: 'running', finished_at: null }));
    routes['/api/v1/attempts/a1/diff'] = {
      status: 404,
      body: fail('NOT_FOUND', 'attempt a1 has no diff yet: it is made when the agent and the gates are done'),
    };
    renderPage({ initialTab: 'diff' });
    expect(await screen.findByText(/has no diff yet/)).toBeInTheDocument();
  });
});

describe('Gates tab', () => {
  it('lists each gate with its command, exit code, duration, and its output on demand', async () => {
    setAttempt(
      attempt({
        gates: [
          { gate: 'install', exit_code: 0, duration_ms: 2500, output_ref: 'a1.gate-install' },
          { gate: 'test', exit_code: 1, duration_ms: 800, output_ref: 'a1.gate-test' },
        ],
      }),
    );
    routes[LOGS] = page([
      msg(1, 'COMMAND', { cmd: 'npm ci', cwd: '/w' }),
      msg(2, 'GATE_RESULT', { gate: 'install', exit_code: 0 }),
      msg(3, 'COMMAND', { cmd: 'npm test', cwd: '/w' }),
      msg(4, 'GATE_RESULT', { gate: 'test', exit_code: 1 }),
    ]);
    routes['/api/v1/artifacts/a1.gate-test'] = { status: 200, body: '1 test failed', text: true };
    renderPage({ initialTab: 'gates' });
    const test = await screen.findByRole('listitem', { name: 'Gate test' });
    const install = screen.getByRole('listitem', { name: 'Gate install' });
    expect(install).toHaveTextContent('Passed · exit 0');
    expect(install).toHaveTextContent('2.5 s');
    expect(test).toHaveTextContent('Failed · exit 1');
    expect(test).toHaveTextContent('800 ms');
    await waitFor(() => expect(within(test).getByLabelText('Command')).toHaveTextContent('$ npm test'));
    fireEvent.click(within(test).getByRole('button', { name: 'Show output' }));
    expect(await within(test).findByText('1 test failed')).toBeInTheDocument();
    expect(calls('GET', '/api/v1/artifacts/a1.gate-test')).toHaveLength(1);
  });
});

describe('actions', () => {
  const button = (name: string) => screen.getByRole('button', { name });

  it('are enabled per status', async () => {
    const { unmount } = renderPage();
    await screen.findByText('Review ready');
    expect(button('Request changes')).toBeEnabled();
    expect(button('Approve & merge')).toBeEnabled();
    expect(button('Create PR')).toBeEnabled();
    expect(button('Cancel')).toBeDisabled();
    expect(button('Send')).toBeDisabled(); // empty message
    unmount();

    for (const status of ['queued', 'running', 'gates_running']) {
      setAttempt(attempt({ status, finished_at: null }));
      const r = renderPage();
      await screen.findByRole('banner');
      expect(button('Cancel')).toBeEnabled();
      expect(button('Request changes')).toBeDisabled();
      expect(button('Approve & merge')).toBeDisabled();
      expect(button('Create PR')).toBeDisabled();
      fireEvent.change(screen.getByLabelText('Message the agent'), { target: { value: 'hi' } });
      expect(button('Send')).toBeDisabled();
      r.unmount();
    }

    for (const status of ['merged', 'failed', 'cancelled']) {
      setAttempt(attempt({ status }));
      const r = renderPage();
      await screen.findByRole('banner');
      expect(button('Cancel')).toBeDisabled();
      expect(button('Approve & merge')).toBeDisabled();
      expect(button('Request changes')).toHaveProperty('disabled', status === 'cancelled');
      r.unmount();
    }
  });

  it('approve & merge, create PR and cancel call their endpoints with the right bodies', async () => {
    routes['POST /api/v1/attempts/a1/approve'] = { status: 200, body: ok({ attempt_id: 'a1', version: 8 }) };
    renderPage();
    await screen.findByText('Review ready');
    fireEvent.click(button('Approve & merge'));
    await waitFor(() => expect(calls('POST', '/api/v1/attempts/a1/approve')).toHaveLength(1));
    expect(bodyOf('POST', '/api/v1/attempts/a1/approve')).toEqual({ mode: 'merge' });
    await waitFor(() => expect(button('Create PR')).toBeEnabled());
    fireEvent.click(button('Create PR'));
    await waitFor(() => expect(calls('POST', '/api/v1/attempts/a1/approve')).toHaveLength(2));
    expect(JSON.parse(String(calls('POST', '/api/v1/attempts/a1/approve')[1][1]!.body))).toEqual({ mode: 'pr' });
  });

  it('cancel posts to /cancel', async () => {
    setAttempt(attempt({ status: 'running', finished_at: null }));
    routes['POST /api/v1/attempts/a1/cancel'] = { status: 200, body: ok({ attempt_id: 'a1', version: 3 }) };
    renderPage();
    await screen.findByText('Running');
    fireEvent.click(button('Cancel'));
    await waitFor(() => expect(calls('POST', '/api/v1/attempts/a1/cancel')).toHaveLength(1));
  });

  it('shows the server message when approve is refused', async () => {
    routes['POST /api/v1/attempts/a1/approve'] = {
      status: 409,
      body: fail('INVALID_STATE', 'attempt a1 is merging: it cannot be approved'),
    };
    renderPage();
    await screen.findByText('Review ready');
    fireEvent.click(button('Approve & merge'));
    expect(await screen.findByRole('alert')).toHaveTextContent('attempt a1 is merging: it cannot be approved');
  });

  it('request changes sends the feedback and opens the new attempt', async () => {
    routes['POST /api/v1/attempts/a1/request-changes'] = {
      status: 201,
      body: ok({ attempt_id: 'a2', previous_attempt_id: 'a1', version: 1 }),
    };
    renderPage();
    await screen.findByText('Review ready');
    fireEvent.click(button('Request changes'));
    const feedback = screen.getByLabelText('Feedback for the agent');
    fireEvent.change(feedback, { target: { value: 'Add more tests' } });
    fireEvent.click(button('Send feedback and rerun'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('a2'));
    expect(bodyOf('POST', '/api/v1/attempts/a1/request-changes')).toEqual({ feedback: 'Add more tests' });
  });

  it('keeps the feedback and shows the server message when request changes fails', async () => {
    routes['POST /api/v1/attempts/a1/request-changes'] = {
      status: 400,
      body: fail('VALIDATION_FAILED', 'feedback is too long', { fields: ['feedback'] }),
    };
    renderPage();
    await screen.findByText('Review ready');
    fireEvent.click(button('Request changes'));
    fireEvent.change(screen.getByLabelText('Feedback for the agent'), { target: { value: 'Please fix it' } });
    fireEvent.click(button('Send feedback and rerun'));
    expect(await screen.findByRole('alert')).toHaveTextContent('feedback is too long');
    expect(screen.getByLabelText('Feedback for the agent')).toHaveValue('Please fix it');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('the chat box sends a follow-up message and opens the attempt it starts; an error keeps the text', async () => {
    routes['POST /api/v1/attempts/a1/messages'] = {
      status: 409,
      body: fail('INVALID_STATE', 'attempt a1 is running: a message can be sent once its agent and gates are done'),
    };
    renderPage();
    await screen.findByText('Review ready');
    const box = screen.getByLabelText('Message the agent');
    fireEvent.change(box, { target: { value: 'Also say bye' } });
    fireEvent.click(button('Send'));
    expect(await screen.findByRole('alert')).toHaveTextContent('a message can be sent once');
    expect(box).toHaveValue('Also say bye');
    expect(bodyOf('POST', '/api/v1/attempts/a1/messages')).toEqual({ text: 'Also say bye' });

    routes['POST /api/v1/attempts/a1/messages'] = { status: 201, body: ok({ attempt_id: 'a3', version: 1 }) };
    fireEvent.click(button('Send'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('a3'));
    expect(box).toHaveValue('');
  });
});

describe('Summary tab', () => {
  it('shows the summary, diff stat, merge commit and pull request', async () => {
    setAttempt(attempt({ status: 'merged', merge: { mode: 'merge', commit: 'abcdef1234567890', pr_url: null } }));
    renderPage({ initialTab: 'summary' });
    const panel = await screen.findByRole('tabpanel');
    expect(panel).toHaveTextContent('Wrote hello.txt. Gates: test passed.');
    expect(panel).toHaveTextContent('1 file changed, +2 −0');
    expect(panel).toHaveTextContent('Merged as commit abcdef1234 into main.');
  });

  it('shows the failure reason and the PR link', async () => {
    setAttempt(
      attempt({ status: 'pr_created', failure_reason: null, merge: { pr_url: 'https://github.com/o/r/pull/7' } }),
    );
    renderPage({ initialTab: 'summary' });
    expect(await screen.findByRole('link', { name: 'https://github.com/o/r/pull/7' })).toHaveAttribute(
      'href',
      'https://github.com/o/r/pull/7',
    );
  });

  it('shows a merge conflict with its files and what to do, and prefills the feedback', async () => {
    setAttempt(
      attempt({
        status: 'review_ready',
        merge: {
          conflict: {
            files: ['notes.txt', 'src/a.ts'],
            message: 'merging conflicts in notes.txt, src/a.ts: request changes or resolve them by hand',
          },
        },
      }),
    );
    renderPage();
    // a banner on the other tabs leads to the summary
    fireEvent.click(await screen.findByRole('button', { name: 'See what to do' }));
    const conflict = screen.getByRole('alert');
    expect(conflict).toHaveTextContent('Merge conflict');
    expect(conflict).toHaveTextContent('request changes or resolve them by hand');
    expect(within(within(conflict).getByRole('list', { name: 'Conflicting files' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'notes.txt',
      'src/a.ts',
    ]);
    expect(conflict).toHaveTextContent('merge main into baton/t1-a1');
    fireEvent.click(within(conflict).getByRole('button', { name: 'Request changes to resolve' }));
    expect((screen.getByLabelText('Feedback for the agent') as HTMLTextAreaElement).value).toContain(
      'conflicts in notes.txt, src/a.ts',
    );
  });

  it('shows why an attempt failed', async () => {
    setAttempt(attempt({ status: 'failed', failure_reason: 'the agent exited with code 3', summary: null }));
    renderPage({ initialTab: 'summary' });
    expect(await screen.findByText('the agent exited with code 3')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Why it failed' })).toBeInTheDocument();
  });
});
