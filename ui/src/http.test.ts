import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, callAll, callText, onUnauthorized, setCsrfToken } from './http';

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

describe('with accounts on', () => {
  afterEach(() => setCsrfToken(null));

  const headersOf = (fetchMock: ReturnType<typeof vi.fn>, at: number) => fetchMock.mock.calls[at][1].headers as Record<string, string>;

  it('sends the CSRF token on every write, not on reads, and no more once forgotten', async () => {
    const fetchMock = vi.fn(async () => answer(200, { ok: true, data: {} }));
    vi.stubGlobal('fetch', fetchMock);
    await call('POST', '/api/v1/teams', { body: { name: 'a' } });
    setCsrfToken('csrf-1');
    await call('GET', '/api/v1/teams');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) await call(method, '/api/v1/x');
    setCsrfToken(null);
    await call('DELETE', '/api/v1/x');
    expect(headersOf(fetchMock, 0)).not.toHaveProperty('X-CSRF-Token');
    expect(headersOf(fetchMock, 1)).not.toHaveProperty('X-CSRF-Token');
    for (const at of [2, 3, 4, 5]) expect(headersOf(fetchMock, at)['X-CSRF-Token']).toBe('csrf-1');
    expect(headersOf(fetchMock, 6)).not.toHaveProperty('X-CSRF-Token');
  });

  it('tells its listeners of every 401, until they unsubscribe, and still throws the error', async () => {
    vi.stubGlobal('fetch', async () => answer(401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'sign in' } }));
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    await expect(call('GET', '/api/v1/projects')).rejects.toMatchObject({ status: 401, message: 'sign in' });
    await expect(callText('/api/v1/attempts/a/diff', 'text/x-diff')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    await expect(call('GET', '/api/v1/projects')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('does not call the listeners for other refusals', async () => {
    vi.stubGlobal('fetch', async () => answer(403, { ok: false, error: { code: 'FORBIDDEN', message: 'no' } }));
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    await expect(call('POST', '/api/v1/users')).rejects.toMatchObject({ status: 403 });
    unsubscribe();
    expect(listener).not.toHaveBeenCalled();
  });
});
