import './testSetup';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunPage } from './RunPage';
import { FakeEventSource } from '../test/FakeEventSource';
import { sampleDiagram, sampleRun } from './testData';


type Reply = { status: number; body: unknown };
let replies: Record<string, Reply>;
let calls: { method: string; url: string; body: unknown }[];
const ok = (data: unknown): Reply => ({ status: 200, body: { ok: true, data } });

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  calls = [];
  replies = {
    'GET /api/v1/runs/r-1': ok(sampleRun()),
    'GET /api/v1/runs/r-1/diagram': ok(sampleDiagram({ a1: 'done', a2: 'running', a3: 'review' })),
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const reply = replies[`${method} ${url}`] ?? {
        status: 404,
        body: { ok: false, error: { code: 'NOT_FOUND', message: `no route ${method} ${url}` } },
      };
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

function renderRun() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <RunPage runId="r-1" />
    </QueryClientProvider>,
  );
}

const gets = (url: string) => calls.filter((c) => c.method === 'GET' && c.url === url).length;
const posts = (url: string) => calls.filter((c) => c.method === 'POST' && c.url === url);

describe('RunPage', () => {
  it('shows the run’s figures, its tasks with their status, and links to attempts', async () => {
    renderRun();
    expect(await screen.findByText('Progress: 2 of 8 done (25%)')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '25');
    expect(screen.getByText('1m 05s')).toBeInTheDocument();
    expect(screen.getByText('1 / 3')).toBeInTheDocument();
    expect(screen.getByText('1,500')).toBeInTheDocument();
    expect(screen.getByText('$0.0123')).toBeInTheDocument();
    const counts = screen.getByRole('list', { name: 'Tasks per status' });
    expect(within(counts).getByText('done: 2')).toBeInTheDocument();
    expect(within(counts).getByText('pending: 5')).toBeInTheDocument();
    expect(await screen.findByTestId('status-a2')).toHaveTextContent('running');
    expect(screen.getByRole('link', { name: "Open a2's attempt" })).toHaveAttribute('href', '#/attempts/att-a2');
    expect(screen.getByRole('link', { name: 'a2' })).toHaveAttribute('href', '#/attempts/att-a2');
    // the canvas draws each node in its status colour
    await waitFor(() => expect(document.querySelector('.run-node[data-status="running"]')).not.toBeNull());
    expect((document.querySelector('.run-node[data-status="running"]') as HTMLElement).style.background).toBe(
      'rgb(37, 99, 235)',
    );
  });

  it('recolours a node from the stream at once and refetches once per burst, not for log tails', async () => {
    renderRun();
    await screen.findByTestId('status-a4');
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/v1/runs/r-1/events');
    act(() => source.open());
    const runGets = gets('/api/v1/runs/r-1');
    const diagramGets = gets('/api/v1/runs/r-1/diagram');
    replies['GET /api/v1/runs/r-1/diagram'] = ok(sampleDiagram({ a1: 'done', a2: 'done', a3: 'review', a4: 'running' }));
    act(() => {
      source.emit({ type: 'node', task_id: 'task-id-a4', key: 'a4', status: 'running', attempt_id: 'att-a4' }, '7');
      source.emit({ type: 'attempt', task_id: 'task-id-a4', attempt_id: 'att-a4', status: 'running' }, '8');
      source.emit({ type: 'node', task_id: 'task-id-a2', key: 'a2', status: 'done' }, '9');
    });
    // at once, from the item itself, before the coalesced refetch
    await waitFor(() => expect(screen.getByTestId('status-a4')).toHaveTextContent('running'));
    expect(gets('/api/v1/runs/r-1/diagram')).toBe(diagramGets);
    await waitFor(() => expect(gets('/api/v1/runs/r-1/diagram')).toBe(diagramGets + 1));
    expect(gets('/api/v1/runs/r-1')).toBe(runGets + 1);
    await waitFor(() => expect(screen.getByTestId('status-a2')).toHaveTextContent('done'));
    act(() => source.emit({ type: 'log', attempt_id: 'att-a4', message: { seq: 1, text: 'hi' } }, '9'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(gets('/api/v1/runs/r-1/diagram')).toBe(diagramGets + 1);
  });

  it("shows the latest log lines under each task at work, once each and a few only", async () => {
    renderRun();
    await screen.findByTestId('status-a2');
    const source = FakeEventSource.instances[0];
    const line = (seq: number, text: string, attempt = 'att-a2') => ({
      type: 'log',
      attempt_id: attempt,
      message: { type: 'event', attempt_id: attempt, seq, ts: '2025-01-01T00:00:01Z', event: { kind: 'LOG', payload: { message: text } } },
    });
    act(() => {
      for (let seq = 1; seq <= 8; seq++) source.emit(line(seq, `step ${seq}`), '5');
      source.emit(line(8, 'step 8'), '5');
      // a task that is not at work shows no tail
      source.emit(line(1, 'review notes', 'att-a3'), '5');
    });
    const tail = await screen.findByRole('list', { name: 'Latest log of a2' });
    expect(within(tail).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'step 4',
      'step 5',
      'step 6',
      'step 7',
      'step 8',
    ]);
    expect(screen.queryByRole('list', { name: 'Latest log of a3' })).toBeNull();
    expect(screen.queryByText('review notes')).toBeNull();
  });

  it('enables the run controls by status and sends them', async () => {
    replies['POST /api/v1/runs/r-1/pause'] = ok({ run_id: 'r-1', status: 'paused' });
    renderRun();
    await screen.findByText('Progress: 2 of 8 done (25%)');
    expect(screen.getByRole('button', { name: 'Pause run' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Resume run' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel run' })).toBeEnabled();
    replies['GET /api/v1/runs/r-1'] = ok(sampleRun({ status: 'paused' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause run' }));
    await screen.findByText('Run paused.');
    expect(posts('/api/v1/runs/r-1/pause')).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Resume run' })).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Pause run' })).toBeDisabled();
  });

  it('disables every control once the run is over', async () => {
    replies['GET /api/v1/runs/r-1'] = ok(sampleRun({ status: 'completed', finished_at: '2025-01-01T00:01:05Z' }));
    renderRun();
    await screen.findByText('Progress: 2 of 8 done (25%)');
    for (const name of ['Pause run', 'Resume run', 'Cancel run', 'Pause a2', 'Stop a2', 'Stop a3']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
    expect(screen.getByRole('link', { name: "Open a2's attempt" })).toBeInTheDocument();
  });

  it('pauses, stops and promotes a task, and shows a refusal', async () => {
    replies['POST /api/v1/tasks/task-id-a2/pause'] = ok({ task_id: 'task-id-a2', status: 'paused' });
    replies['POST /api/v1/tasks/task-id-a3/promote'] = ok({ task_id: 'task-id-a3', status: 'queued' });
    replies['POST /api/v1/tasks/task-id-a2/stop'] = {
      status: 409,
      body: { ok: false, error: { code: 'INVALID_STATE', message: 'task a2 is not running' } },
    };
    renderRun();
    await screen.findByTestId('status-a2');
    expect(screen.getByRole('button', { name: 'Resume a2' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Pause a1' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Pause a2' }));
    await screen.findByText('a2: pause sent.');
    expect(posts('/api/v1/tasks/task-id-a2/pause')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: "Promote a3's attempt" }));
    await screen.findByText('a3: attempt queued for merge.');
    expect(posts('/api/v1/tasks/task-id-a3/promote')[0].body).toEqual({ attempt_id: 'att-a3' });
    fireEvent.click(screen.getByRole('button', { name: 'Stop a2' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('task a2 is not running');
  });
});
