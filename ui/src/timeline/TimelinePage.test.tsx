import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimelinePage } from './TimelinePage';
import type { SnapshotBoard, TimelineEvent } from './api';
import { FakeEventSource, fail, mockFetch, ok, timelineEvent, type Reply } from './testing';

const projects = {
  items: [
    { project_id: 'p1', name: 'Alpha' },
    { project_id: 'p2', name: 'Beta' },
  ],
  next: null,
};

const created = timelineEvent(1, {
  type: 'ProjectCreatedEvent',
  aggregate_type: 'Project',
  aggregate_id: 'p1',
  sequence: 0,
  payload: { project_id: 'p1', name: 'Alpha' },
});
const taskCreated = timelineEvent(2, {
  type: 'TaskCreatedEvent',
  sequence: 0,
  payload: { task_id: 't1', project_id: 'p1', details: { title: 'Tracked' } },
});
const moved = timelineEvent(3, {
  sequence: 1,
  payload: { task_id: 't1', project_id: 'p1', from_column: 'backlog', to_column: 'todo' },
});

const columns = (tasks: Record<string, { task_id: string; title: string; status: string }[]>): SnapshotBoard => ({
  project_id: 'p1',
  position: 0,
  columns: [
    { id: 'backlog', name: 'Backlog', tasks: tasks.backlog ?? [] },
    { id: 'todo', name: 'To Do', tasks: tasks.todo ?? [] },
  ],
});

const page = (items: TimelineEvent[], next: string | null = null): Reply => ({ status: 200, body: ok({ items, next }) });

let routes: Record<string, Reply | Reply[]>;
let calls: string[];

function renderPage(hash = '#/timeline?project_id=p1') {
  window.history.replaceState(null, '', `/${hash}`);
  ({ calls } = mockFetch(routes));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TimelinePage sliderDebounceMs={0} />
    </QueryClientProvider>,
  );
}

const hashQuery = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '');
const eventList = () => screen.getByRole('list', { name: 'Events' });
const eventButtons = () => within(eventList()).getAllByRole('button');

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  // jsdom lays nothing out: give the virtualized list a viewport.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
  routes = {
    '/api/v1/projects?limit=500': { status: 200, body: ok(projects) },
    '/api/v1/timeline?project_id=p1&limit=200': page([created, taskCreated, moved]),
    '/api/v1/projects/p1/board?as_of=3': {
      status: 200,
      body: ok({ ...columns({ todo: [{ task_id: 't1', title: 'Tracked', status: 'idle' }] }), position: 3 }),
    },
    '/api/v1/projects/p1/board?as_of=2': {
      status: 200,
      body: ok({ ...columns({ backlog: [{ task_id: 't1', title: 'Tracked', status: 'idle' }] }), position: 2 }),
    },
    '/api/v1/projects/p1/board?as_of=1': { status: 200, body: ok({ ...columns({}), position: 1 }) },
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
  // Own properties shadowing Element's: removing them restores jsdom's.
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
});

describe('TimelinePage', () => {
  it('asks the server for the filters in the URL and lists the events', async () => {
    routes['/api/v1/timeline?project_id=p1&type=TaskMovedEvent&user=alice&limit=200'] = page([moved]);
    renderPage('#/timeline?project_id=p1&type=TaskMovedEvent&user=alice');

    await waitFor(() => expect(eventButtons()).toHaveLength(1));
    expect(eventButtons()[0]).toHaveTextContent('#3 TaskMovedEvent');
    expect(eventButtons()[0]).toHaveTextContent('alice');
    expect(calls).toContain('/api/v1/timeline?project_id=p1&type=TaskMovedEvent&user=alice&limit=200');
    expect(screen.getByLabelText('Event type')).toHaveValue('TaskMovedEvent');
    expect(screen.getByLabelText('User')).toHaveValue('alice');
    expect(await screen.findByRole('option', { name: 'Alpha' })).toBeInTheDocument();
    expect(screen.getByLabelText('Project')).toHaveValue('p1');
  });

  it('writes applied filters into the hash query and fetches with them', async () => {
    const from = new Date('2026-05-01T10:30').toISOString();
    routes[`/api/v1/timeline?project_id=p1&aggregate_id=t1&user=bob&after=${encodeURIComponent(from)}&limit=200`] =
      page([taskCreated]);
    routes['/api/v1/timeline?project_id=p2&aggregate_id=t1&user=bob&after=' + encodeURIComponent(from) + '&limit=200'] =
      page([]);
    renderPage();
    await waitFor(() => expect(eventButtons()).toHaveLength(3));

    fireEvent.change(screen.getByLabelText('Aggregate id'), { target: { value: ' t1 ' } });
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-05-01T10:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(window.location.hash.startsWith('#/timeline?')).toBe(true);
    expect(Object.fromEntries(hashQuery())).toEqual({ project_id: 'p1', aggregate_id: 't1', user: 'bob', after: from });
    await waitFor(() => expect(eventButtons()).toHaveLength(1));
    expect(eventButtons()[0]).toHaveTextContent('TaskCreatedEvent');

    // The project applies at once and keeps the other filters.
    await screen.findByRole('option', { name: 'Beta' });
    fireEvent.change(screen.getByLabelText('Project'), { target: { value: 'p2' } });
    expect(hashQuery().get('project_id')).toBe('p2');
    expect(await screen.findByText('No events match these filters.')).toBeInTheDocument();

    // Back restores the previous filters.
    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(hashQuery().get('project_id')).toBe('p1'));
    await waitFor(() => expect(screen.getByLabelText('Project')).toHaveValue('p1'));
  });

  it('pages with `next`, then streams from the last event and shows each event once', async () => {
    routes['/api/v1/timeline?project_id=p1&limit=200'] = page([created, taskCreated], '2');
    routes['/api/v1/timeline?project_id=p1&after=2&limit=200'] = page([taskCreated, moved]);
    renderPage();

    // The first page is short enough for the list to ask for the next one at once.
    await waitFor(() => expect(eventButtons()).toHaveLength(3));
    expect(calls).toContain('/api/v1/timeline?project_id=p1&after=2&limit=200');
    expect(eventButtons().map((b) => b.textContent?.split(' ')[0])).toEqual(['#1', '#2', '#3']);

    // Only once every page is loaded does the stream open, right after the last event.
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const stream = FakeEventSource.instances[0];
    expect(stream.url).toBe('/api/v1/timeline/stream?project_id=p1&after=3');
    act(() => stream.open());
    expect(screen.getByText('Live')).toBeInTheDocument();

    const later = timelineEvent(4, { type: 'TaskDetailsEditedEvent' });
    act(() => {
      stream.emit(moved, '3'); // already loaded
      stream.emit(later, '4');
      stream.emit(later, '4'); // sent again after a reconnect
    });
    await waitFor(() => expect(eventButtons()).toHaveLength(4));
    expect(eventButtons()[3]).toHaveTextContent('#4 TaskDetailsEditedEvent');
    expect(screen.getByRole('heading', { name: /Events/ })).toHaveTextContent('4');

    // Newest first shows the same events the other way round.
    fireEvent.change(screen.getByLabelText('Order'), { target: { value: 'newest' } });
    expect(hashQuery().get('order')).toBe('newest');
    await waitFor(() =>
      expect(eventButtons().map((b) => b.textContent?.split(' ')[0])).toEqual(['#4', '#3', '#2', '#1']),
    );
  });

  it('shows the server message when the timeline cannot be loaded', async () => {
    routes['/api/v1/timeline?project_id=p1&limit=200'] = {
      status: 400,
      body: fail('VALIDATION_FAILED', 'after must be a store position or an ISO-8601 time'),
    };
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('after must be a store position or an ISO-8601 time');
  });

  it('shows the selected event with its payload, metadata and chain of causes; a cause opens its event', async () => {
    const saga = timelineEvent(7, {
      type: 'AttemptStartedEvent',
      aggregate_type: 'Attempt',
      aggregate_id: 'a1',
      sequence: 0,
      payload: { attempt_id: 'a1', task_id: 't1' },
      metadata: { user: 'alice', correlation_id: 'req-3', causation_id: 'cmd-9' },
    });
    routes['/api/v1/events/e7/causes'] = {
      status: 200,
      body: ok({
        event_id: 'e7',
        items: [
          { kind: 'event', id: 'e7', type: 'AttemptStartedEvent', user: 'alice', event: saga },
          { kind: 'command', id: 'cmd-9', type: 'StartAttemptCommand', user: 'alice' },
          { kind: 'event', id: 'e3', type: 'TaskMovedEvent', user: 'alice', event: moved },
          { kind: 'command', id: 'cmd-3', type: 'MoveTaskCommand', user: 'alice' },
          { kind: 'request', id: 'req-3', user: 'alice', source: 'POST /api/v1/tasks/t1/move' },
        ],
      }),
    };
    routes['/api/v1/events/e3/causes'] = {
      status: 200,
      body: ok({
        event_id: 'e3',
        items: [
          { kind: 'event', id: 'e3', type: 'TaskMovedEvent', user: 'alice', event: moved },
          { kind: 'command', id: 'cmd-3', type: 'MoveTaskCommand', user: 'alice' },
          { kind: 'request', id: 'req-3', user: 'alice', source: 'POST /api/v1/tasks/t1/move' },
        ],
      }),
    };
    // The saga's event is not in the loaded list (another filter): it comes from its chain of causes.
    renderPage('#/timeline?project_id=p1&event=e7');

    const detail = await screen.findByRole('region', { name: 'AttemptStartedEvent' });
    expect(within(detail).getByLabelText('Payload')).toHaveTextContent('"attempt_id": "a1"');
    expect(within(detail).getByLabelText('Metadata')).toHaveTextContent('"causation_id": "cmd-9"');
    const chain = within(detail).getByRole('list', { name: 'Chain of causes' });
    const links = within(chain).getAllByRole('listitem');
    expect(links.map((li) => li.textContent)).toEqual([
      'event AttemptStartedEvent (this event) by alice',
      'command StartAttemptCommand cmd-9 by alice',
      'event TaskMovedEvent #3 by alice',
      'command MoveTaskCommand cmd-3 by alice',
      'request POST /api/v1/tasks/t1/move req-3 by alice',
    ]);

    // Known from its chain, the event can be travelled to.
    const travel = screen.getByRole('region', { name: 'Time travel' });
    await waitFor(() => expect(within(travel).getByRole('button', { name: 'To the selected event' })).toBeEnabled());

    fireEvent.click(within(chain).getByRole('button', { name: 'TaskMovedEvent #3' }));
    expect(hashQuery().get('event')).toBe('e3');
    const movedDetail = await screen.findByRole('region', { name: 'TaskMovedEvent' });
    expect(within(movedDetail).getByLabelText('Payload')).toHaveTextContent('"to_column": "todo"');
    await waitFor(() =>
      expect(within(movedDetail).getAllByRole('listitem').map((li) => li.textContent)).toHaveLength(3),
    );
    // The event is marked in the list too.
    expect(within(eventList()).getByRole('button', { name: /#3 TaskMovedEvent/ })).toHaveAttribute('aria-current', 'true');

    // Selecting from the list works the same way.
    routes['/api/v1/events/e2/causes'] = {
      status: 200,
      body: ok({ event_id: 'e2', items: [{ kind: 'event', id: 'e2', type: 'TaskCreatedEvent', event: taskCreated }] }),
    };
    fireEvent.click(within(eventList()).getByRole('button', { name: /#2 TaskCreatedEvent/ }));
    expect(await screen.findByRole('region', { name: 'TaskCreatedEvent' })).toBeInTheDocument();
    expect(hashQuery().get('event')).toBe('e2');
  });

  it('shows the board as of the slider position; before the task existed it is not there', async () => {
    renderPage();
    const slider = await screen.findByRole('slider', { name: 'Board as of' });
    await waitFor(() => expect(slider).not.toBeDisabled());

    // At first: the latest loaded event.
    expect(slider).toHaveAttribute('aria-valuetext', expect.stringContaining('Position 3: TaskMovedEvent'));
    const travel = screen.getByRole('region', { name: 'Time travel' });
    await waitFor(() => expect(within(travel).getByRole('region', { name: 'To Do' })).toHaveTextContent('Tracked'));
    expect(calls).toContain('/api/v1/projects/p1/board?as_of=3');
    expect(within(travel).getByRole('heading', { level: 3 })).toHaveTextContent('Alpha at position 3');

    fireEvent.change(slider, { target: { value: '1' } });
    expect(hashQuery().get('at')).toBe('2');
    expect(slider).toHaveAttribute('aria-valuetext', expect.stringContaining('Position 2: TaskCreatedEvent'));
    await waitFor(() => expect(within(travel).getByRole('heading', { level: 3 })).toHaveTextContent('position 2'));
    expect(within(travel).getByRole('region', { name: 'Backlog' })).toHaveTextContent('Tracked');
    expect(within(travel).getByRole('region', { name: 'To Do' })).toHaveTextContent('No cards');

    // Back before the task existed.
    fireEvent.change(slider, { target: { value: '0' } });
    await waitFor(() => expect(within(travel).getByRole('heading', { level: 3 })).toHaveTextContent('position 1'));
    expect(calls).toContain('/api/v1/projects/p1/board?as_of=1');
    expect(within(travel).queryByText('Tracked')).not.toBeInTheDocument();
    expect(within(travel).getByRole('region', { name: 'Backlog' })).toHaveTextContent('No cards');

    // Step forward, and back to the latest.
    fireEvent.click(within(travel).getByRole('button', { name: 'Later' }));
    expect(hashQuery().get('at')).toBe('2');
    fireEvent.click(within(travel).getByRole('button', { name: 'Latest' }));
    expect(hashQuery().has('at')).toBe(false);
    await waitFor(() => expect(within(travel).getByRole('heading', { level: 3 })).toHaveTextContent('position 3'));
  });

  it('steps the slider to the selected event and shows the server message for a board that did not exist yet', async () => {
    routes['/api/v1/timeline?limit=200'] = page([created, taskCreated, moved]);
    routes['/api/v1/events/e2/causes'] = {
      status: 200,
      body: ok({ event_id: 'e2', items: [{ kind: 'event', id: 'e2', type: 'TaskCreatedEvent', event: taskCreated }] }),
    };
    routes['/api/v1/projects/p1/board?as_of=2'] = {
      status: 404,
      body: fail('NOT_FOUND', 'project p1 did not exist yet at 2'),
    };
    // No project filter: the board is that of the selected event's project.
    renderPage('#/timeline');
    await waitFor(() => expect(eventButtons()).toHaveLength(3));
    const travel = screen.getByRole('region', { name: 'Time travel' });
    expect(within(travel).getByText(/Choose a project/)).toBeInTheDocument();

    fireEvent.click(within(eventList()).getByRole('button', { name: /#2 TaskCreatedEvent/ }));
    fireEvent.click(within(travel).getByRole('button', { name: 'To the selected event' }));
    expect(hashQuery().get('at')).toBe('2');
    expect(within(travel).getByRole('slider')).toHaveValue('1');
    expect(await within(travel).findByRole('alert')).toHaveTextContent('project p1 did not exist yet at 2');
  });
});
