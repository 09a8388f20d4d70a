import { afterEach, expect, it, vi } from 'vitest';
import { ApiError, call, callAll } from './http';

afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

it('reads every page after the query a path already has', async () => {
  const pages: Record<string, unknown> = {
    '/api/v1/x?project_id=p&limit=500': { items: [1, 2], next: 'c 1' },
    '/api/v1/x?project_id=p&limit=500&after=c%201': { items: [3], next: null },
  };
  const fetchMock = vi.fn(async (url: string) => answer(200, { ok: true, data: pages[url] }));
  vi.stubGlobal('fetch', fetchMock);
  expect(await callAll<number>('/api/v1/x?project_id=p')).toEqual({ items: [1, 2, 3], next: null });
  expect(fetchMock).toHaveBeenCalledTimes(2);
});

it("turns an error envelope into an ApiError with the server's message, code, status and details", async () => {
  vi.stubGlobal('fetch', async () =>
    answer(400, { ok: false, error: { code: 'VALIDATION_FAILED', message: 'name is required', details: { fields: ['name'] } } }),
  );
  const error = await call('POST', '/api/v1/projects', { body: {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ message: 'name is required', code: 'VALIDATION_FAILED', status: 400, details: { fields: ['name'] } });
});
