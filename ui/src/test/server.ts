import { vi } from 'vitest';
import { accountsOff, alphaBoard, betaBoard, fail, ok, projects } from './fixtures';

export type Reply = { status: number; body: unknown };
export interface Call {
  method: string;
  url: string;
  body: unknown;
}
export type Handler = (call: Call) => Reply | Promise<Reply> | undefined;

/** A fake Baton server behind `fetch`: GET routes by URL, plus handlers for anything else. Records every call. */
export function fakeServer() {
  const routes: Record<string, Reply> = {
    '/api/v1/auth/me': { status: 200, body: ok(accountsOff) },
    '/api/v1/projects?limit=500': { status: 200, body: ok(projects) },
    '/api/v1/projects/p1/board': { status: 200, body: ok(alphaBoard) },
    '/api/v1/projects/p2/board': { status: 200, body: ok(betaBoard) },
    '/api/v1/agents?limit=500': {
      status: 200,
      body: ok({
        items: [
          { agent_profile_id: 'a1', name: 'claude', adapter: 'claude-code' },
          { agent_profile_id: 'a2', name: 'script', adapter: 'command', command: ['./run.sh'] },
        ],
        next: null,
      }),
    },
  };
  const calls: Call[] = [];
  const handlers: Handler[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    let reply: Reply | undefined;
    for (const handler of handlers) {
      reply = await handler(call);
      if (reply) break;
    }
    if (!reply && call.method === 'GET') reply = routes[url];
    if (!reply && call.method !== 'GET') reply = { status: 200, body: ok({ version: 7 }) };
    reply ??= { status: 404, body: fail('NOT_FOUND', `No route ${url}`) };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    routes,
    calls,
    /** Handlers run first, in order; the first that answers wins. */
    on(handler: Handler) {
      handlers.push(handler);
    },
    sent: (method: string, url: string) => calls.filter((c) => c.method === method && c.url === url),
    commands: () => calls.filter((c) => c.method !== 'GET'),
    /** The headers sent with each call to `method url`, in order. */
    headers: (method: string, url: string) =>
      fetchMock.mock.calls
        .filter(([u, init]) => u === url && (init?.method ?? 'GET') === method)
        .map(([, init]) => (init?.headers ?? {}) as Record<string, string>),
  };
}

export { FakeEventSource } from './FakeEventSource';

/**
 * jsdom has no layout: give the board a fake one so dnd-kit's keyboard sensor can
 * find neighbours. Column i is 300 px wide at x = 300·i; card j of a column sits at
 * y = 100 + 80·j (70 px high); a column's list spans all its cards.
 */
export function fakeBoardLayout() {
  const rect = (x: number, y: number, width: number, height: number) =>
    ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON() {} }) as DOMRect;
  return vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    // The drag overlay starts where the dragged card is.
    const overlay = this.matches('.card-overlay') || this.querySelector(':scope > .card-overlay');
    const dragged = document.querySelector('ol.cards > li.dragging');
    const section = overlay && dragged ? dragged.closest('section[data-column-id]') : this.closest('section[data-column-id]');
    if (!section) return rect(0, 0, 0, 0);
    const sections = [...document.querySelectorAll('section[data-column-id]')];
    const x = sections.indexOf(section) * 300;
    const li = overlay && dragged ? dragged : this.closest('ol.cards > li');
    if (li) {
      const j = [...li.parentElement!.children].indexOf(li);
      return rect(x + 10, 100 + j * 80, 280, 70);
    }
    if (this.matches('ol.cards')) return rect(x + 10, 100, 280, Math.max(1, this.children.length) * 80 + 40);
    return rect(x, 0, 300, 800);
  });
}
