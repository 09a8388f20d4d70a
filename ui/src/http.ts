// One way to call Baton's API for every page: the JSON envelope (success `{ok: true, data}`, error
// `{ok: false, error: {code, message, details?}}`) turned into the data or an ApiError with the server's message.
// With accounts on, a write signed in by the session cookie carries the session's CSRF token, and a 401 tells the
// shell to show the sign-in page.

/** An error answered by the server (or a transport failure), with the server's message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(message: string, code: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Options {
  body?: unknown;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;

/** The session's CSRF token (from the sign-in's answer or `GET /auth/me`), sent on every write; null forgets it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const unauthorizedListeners = new Set<() => void>();

/** Calls `listener` whenever the server answers 401 (no credentials, or they expired); answers the unsubscribe. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => void unauthorizedListeners.delete(listener);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(`Cannot reach the Baton server (${(e as Error).message})`, 'network_error', 0);
  }
}

async function envelope<T>(method: string, path: string, response: Response): Promise<T> {
  if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(
      `Unexpected response from ${method} ${path}: HTTP ${response.status} ${response.statusText}`.trim(),
      'bad_response',
      response.status,
    );
  }
  const env = body as { ok?: unknown; data?: unknown; error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
  if (env && env.ok === true && response.ok) return env.data as T;
  throw new ApiError(
    env?.error?.message || `${method} ${path} failed: HTTP ${response.status}`,
    env?.error?.code || 'http_error',
    response.status,
    env?.error?.details,
  );
}

/** Calls a JSON-envelope endpoint and answers its `data`, or throws an {@link ApiError}. */
export async function call<T>(method: Method, path: string, { body, signal }: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await send(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  return envelope<T>(method, path, response);
}

/** A text body (a raw diff, an artifact's content); an error still answers with the JSON envelope. */
export async function callText(path: string, accept: string, signal?: AbortSignal): Promise<string> {
  const response = await send(path, { headers: { Accept: accept }, signal });
  if (response.ok) return response.text();
  return envelope<never>('GET', path, response);
}

/** Every item of a paged list (`{items, next}`), all pages read, 500 at a time. */
export async function callAll<T>(path: string, signal?: AbortSignal): Promise<{ items: T[]; next: null }> {
  const items: T[] = [];
  let after: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page: { items: T[]; next: string | null } = await call('GET',
      `${path}${separator}limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`, { signal });
    items.push(...page.items);
    after = page.next;
  } while (after);
  return { items, next: null };
}
