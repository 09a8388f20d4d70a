import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import type { Board } from './api';
import { accountsOff, alphaBoard, betaBoard, card, fail, ok, projects } from './test/fixtures';
import { FakeEventSource } from './test/FakeEventSource';

type Reply = { status: number; body: unknown };
let routes: Record<string, Reply>;
let fetchMock: ReturnType<typeof vi.fn>;


const boardFetches = (projectId: string) =>
  fetchMock.mock.calls.filter(([url]) => url === `/api/v1/projects/${projectId}/board`).length;

function renderApp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  FakeEventSource.instances = [];
  routes = {
    '/api/v1/auth/me': { status: 200, body: ok(accountsOff) },
    '/api/v1/projects?limit=500': { status: 200, body: ok(projects) },
    '/api/v1/projects/p1/board': { status: 200, body: ok(alphaBoard) },
    '/api/v1/projects/p2/board': { status: 200, body: ok(betaBoard) },
    '/api/v1/agents?limit=500': { status: 200, body: ok({ items: [], next: null }) },
  };
  fetchMock = vi.fn(async (url: string) => {
    const reply = routes[url] ?? { status: 404, body: fail('not_found', `No route ${url}`) };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('App', () => {
  it('lists the projects and shows the board of the first one', async () => {
    renderApp();

    const nav = await screen.findByRole('navigation', { name: 'Projects' });
    const alphaLink = await within(nav).findByRole('link', { name: /Alpha/ });
    // #/ redirects to the first project's board.
    await waitFor(() => expect(alphaLink).toHaveAttribute('aria-current', 'page'));
    expect(alphaLink).toHaveAttribute('href', '#/p/p1');
    expect(window.location.hash).toBe('#/p/p1');
    expect(within(nav).getByRole('link', { name: /Beta/ })).not.toHaveAttribute('aria-current');

    const main = screen.getByRole('main');
    expect(await within(main).findByRole('heading', { level: 1, name: 'Alpha' })).toBeInTheDocument();
    expect(main).toHaveAccessibleName('Alpha');

    const columns = within(main).getAllByRole('region').filter((el) => el.tagName === 'SECTION');
    expect(columns.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Backlog',
      'To Do',
      'In Progress',
      'Review',
      'Done',
    ]);
    for (const column of columns) {
      expect(within(column).getByRole('heading', { level: 2 })).toHaveTextContent(column.getAttribute('aria-label')!);
    }

    // The card sits in its column, with its title, labels and badges.
    const todo = within(main).getByRole('region', { name: 'To Do' });
    const login = within(todo).getByRole('article', { name: 'Add login' });
    expect(within(login).getByRole('heading', { level: 3 })).toHaveTextContent('Add login');
    expect(within(login).getByText('P1')).toHaveClass('badge', 'priority', 'priority-p1');
    expect(within(login).getByText('claude')).toHaveClass('agent');
    expect(within(login).getByText('Queued')).toHaveClass('status');
    const labels = within(login).getByRole('list', { name: 'Labels' });
    expect(within(labels).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['auth', 'backend']);
    expect(within(login).getByText('Blocked by 1 task')).toBeInTheDocument();

    // Sorted by rank inside the column.
    expect(within(todo).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Add login',
      'Second in To Do',
    ]);
    expect(within(main).getByRole('region', { name: 'In Progress' })).toContainElement(
      within(main).getByRole('article', { name: 'Fix crash' }),
    );
    expect(within(main).getByRole('region', { name: 'Review' })).toHaveTextContent('No cards');
  });

  it('redirects the old ?project= URL to #/p/<id>', async () => {
    window.history.replaceState(null, '', '/?project=p2');
    renderApp();
    const main = await screen.findByRole('main');
    expect(await within(main).findByRole('heading', { level: 1, name: 'Beta' })).toBeInTheDocument();
    expect(within(main).getByRole('article', { name: 'Beta task' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Projects' })).getByRole('link', { name: /Beta/ })).toHaveAttribute('aria-current', 'page');
    expect(boardFetches('p1')).toBe(0);
    expect(window.location.hash).toBe('#/p/p2');
    expect(window.location.search).toBe('');
  });

  it('opens the board named by #/p/<id>', async () => {
    window.history.replaceState(null, '', '/#/p/p2');
    renderApp();
    expect(await screen.findByRole('heading', { level: 1, name: 'Beta' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Board' })).toHaveAttribute('href', '#/p/p2');
    expect(screen.getByRole('link', { name: 'Timeline' })).toHaveAttribute('href', '#/timeline');
    expect(screen.getByRole('link', { name: 'Plan' })).toHaveAttribute('href', '#/p/p2/plan');
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '#/p/p2/settings');
    expect(screen.getByRole('link', { name: 'Projections' })).toHaveAttribute('href', '#/admin/projections');
  });

  it('renders extra routes given by the integrator inside <main>', async () => {
    window.history.replaceState(null, '', '/#/timeline');
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <App extraRoutes={[{ path: '/timeline', element: <h1 id="page-title">Timeline page</h1> }]} />
      </QueryClientProvider>,
    );
    expect(await within(await screen.findByRole('main')).findByRole('heading', { name: 'Timeline page' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAccessibleName('Timeline page');
  });

  it('switches project from the sidebar and updates the URL', async () => {
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Alpha' });
    act(() => {
      screen.getByRole('link', { name: /Beta/ }).click();
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Beta' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/p/p2');
    // Back goes to the previous selection.
    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(window.location.hash).toBe('#/p/p1'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Alpha' })).toBeInTheDocument();
  });

  it('shows the empty state when there are no projects', async () => {
    routes['/api/v1/projects?limit=500'] = { status: 200, body: ok({ items: [], next: null }) };
    renderApp();
    const main = await screen.findByRole('main');
    expect(
      await within(main).findByText(
        (_, el) => el?.tagName === 'P' && el.textContent === 'No projects yet — create one with the New project button (or POST /api/v1/projects)',
      ),
    ).toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it("shows the server's error message when the board cannot be loaded", async () => {
    window.history.replaceState(null, '', '/?project=nope');
    routes['/api/v1/projects/nope/board'] = { status: 404, body: fail('project_not_found', 'Project nope does not exist') };
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the board');
    expect(alert).toHaveTextContent('Project nope does not exist');
    expect(alert).toHaveTextContent('project_not_found');
    expect(screen.getByRole('main')).toContainElement(alert);
  });

  it("shows the server's error message when the projects cannot be loaded", async () => {
    routes['/api/v1/projects?limit=500'] = { status: 500, body: fail('internal', 'Database is down') };
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load projects');
    expect(alert).toHaveTextContent('Database is down');
  });

  it('refetches the board when the SSE stream sends a message', async () => {
    renderApp();
    const main = await screen.findByRole('main');
    await within(main).findByRole('article', { name: 'Add login' });

    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const stream = FakeEventSource.instances[0];
    expect(stream.url).toBe('/api/v1/projects/p1/stream');
    act(() => stream.open());
    expect(await screen.findByText('Live')).toBeInTheDocument();
    const before = boardFetches('p1');

    // The server moves "Add login" to Review; the stream announces a change.
    const moved: Board = structuredClone(alphaBoard);
    const todo = moved.columns.find((c) => c.id === 'todo')!;
    const review = moved.columns.find((c) => c.id === 'review')!;
    todo.tasks = todo.tasks.filter((t) => t.task_id !== 't2');
    review.tasks = [card({ task_id: 't2', title: 'Add login', column: 'review', status: 'awaiting_review' })];
    routes['/api/v1/projects/p1/board'] = { status: 200, body: ok(moved) };

    act(() => stream.emit({ type: 'TaskMoved', task_id: 't2' }, '13'));

    await waitFor(() => {
      const reviewColumn = within(main).getByRole('region', { name: 'Review' });
      expect(within(reviewColumn).getByRole('article', { name: 'Add login' })).toBeInTheDocument();
    });
    expect(within(within(main).getByRole('region', { name: 'To Do' })).queryByRole('article', { name: 'Add login' })).toBeNull();
    expect(boardFetches('p1')).toBe(before + 1);
  });

  it('closes the stream when leaving the project', async () => {
    const { unmount } = renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Alpha' });
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    unmount();
    expect(FakeEventSource.instances[0].readyState).toBe(FakeEventSource.CLOSED);
  });
});
