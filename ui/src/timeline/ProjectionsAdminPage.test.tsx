import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectionsAdminPage } from './ProjectionsAdminPage';
import type { ProjectionStatus } from './api';
import { fail, mockFetch, ok, type Reply } from './testing';

const live = (name: string, position = 120, lag = 0): ProjectionStatus => ({ name, position, lag, status: 'live' });
const replaying = (name: string, progress: number): ProjectionStatus => ({
  name,
  position: Math.round(progress * 120),
  lag: 120 - Math.round(progress * 120),
  status: 'replaying',
  replay_progress: progress,
});
const list = (...items: ProjectionStatus[]): Reply => ({ status: 200, body: ok(items) });

function renderPage(routes: Record<string, Reply | Reply[]>) {
  const mock = mockFetch(routes);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ProjectionsAdminPage pollMs={20} />
    </QueryClientProvider>,
  );
  return mock;
}

const row = (name: string) => screen.getByRole('row', { name });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ProjectionsAdminPage', () => {
  it('lists each projection with its position, lag and status', async () => {
    renderPage({ '/api/v1/admin/projections': list(live('board', 120, 0), live('timeline', 118, 2)) });

    await screen.findByRole('row', { name: 'board' });
    expect(within(row('board')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['120', '0', 'live', 'Replay']);
    expect(within(row('timeline')).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '118',
      '2',
      'live',
      'Replay',
    ]);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Projection',
      'Position',
      'Lag',
      'Status',
      'Replay',
    ]);
  });

  it('starts a replay and follows its progress until the projection is live again', async () => {
    const { calls } = renderPage({
      '/api/v1/admin/projections': [
        list(live('board'), live('timeline')),
        list(replaying('board', 0.25), live('timeline')),
        list(replaying('board', 0.25), live('timeline')),
        list(replaying('board', 0.8), live('timeline')),
        list(live('board'), live('timeline')),
      ],
      'POST /api/v1/admin/projections/board/replay': { status: 202, body: ok(replaying('board', 0)) },
    });
    const button = await screen.findByRole('button', { name: 'Replay board' });

    fireEvent.click(button);

    await waitFor(() => expect(calls).toContain('POST /api/v1/admin/projections/board/replay'));
    const progress = await screen.findByRole('progressbar', { name: 'Replay progress of board' });
    expect(within(row('board')).getByText('replaying')).toBeInTheDocument();
    expect(within(row('board')).getByRole('button', { name: 'Replay board' })).toBeDisabled();
    await waitFor(() => expect(progress).toHaveAttribute('value', '80'));
    expect(row('board')).toHaveTextContent('80 %');

    expect(await screen.findByText('Replay of board finished.')).toBeInTheDocument();
    expect(within(row('board')).getByText('live')).toBeInTheDocument();
    expect(within(row('board')).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(row('board')).getByRole('button', { name: 'Replay board' })).toBeEnabled();

    // Polling stops once nothing is replaying.
    const fetched = calls.filter((c) => c === '/api/v1/admin/projections').length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls.filter((c) => c === '/api/v1/admin/projections').length).toBe(fetched);
  });

  it('shows the server message when a replay is refused', async () => {
    renderPage({
      '/api/v1/admin/projections': list(live('board'), live('timeline')),
      'POST /api/v1/admin/projections/timeline/replay': {
        status: 409,
        body: fail('INVALID_STATE', 'projection timeline is already being replayed'),
      },
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Replay timeline' }));

    const alert = await within(row('timeline')).findByRole('alert');
    expect(alert).toHaveTextContent('projection timeline is already being replayed');
    expect(within(row('board')).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(row('timeline')).getByRole('button', { name: 'Replay timeline' })).toBeEnabled();
  });

  it('shows the server message when the list cannot be loaded, and tries again', async () => {
    renderPage({
      '/api/v1/admin/projections': [
        { status: 403, body: fail('FORBIDDEN', 'only an admin may see the projections') },
        list(live('board')),
      ],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('only an admin may see the projections');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('row', { name: 'board' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
