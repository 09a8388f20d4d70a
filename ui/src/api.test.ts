import { afterEach, expect, it, vi } from 'vitest';
import { fetchProjects } from './api';

afterEach(() => vi.unstubAllGlobals());

it('reads every page of projects, so a server with many still lists them all', async () => {
  const pages: Record<string, unknown> = {
    '/api/v1/projects?limit=500': { items: [{ project_id: 'p1', name: 'One' }], next: 'cursor-1' },
    '/api/v1/projects?limit=500&after=cursor-1': { items: [{ project_id: 'p2', name: 'Two' }], next: null },
  };
  const fetchMock = vi.fn(async (url: string) =>
    new Response(JSON.stringify({ ok: true, data: pages[url] }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  const all = await fetchProjects();
  expect(all.items.map((p) => p.name)).toEqual(['One', 'Two']);
  expect(all.next).toBeNull();
  expect(fetchMock).toHaveBeenCalledTimes(2);
});
