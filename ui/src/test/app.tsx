import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { App } from '../App';
import { FakeEventSource, fakeServer } from './server';

/**
 * The whole app at `hash` (after the query `search`, e.g. `?a=b`), with a query client of its own that does not retry;
 * answers that client.
 */
export function renderApp(hash = '#/p/p1', search = ''): QueryClient {
  window.history.replaceState(null, '', `/${search}${hash}`);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
  return client;
}

/**
 * In each test of the file calling it: a new {@link fakeServer} (the object answered is the current test's) and
 * EventSource a FakeEventSource (none made yet).
 */
export function fakeAppServer(): ReturnType<typeof fakeServer> {
  const current = {} as ReturnType<typeof fakeServer>;
  beforeEach(() => {
    FakeEventSource.instances = [];
    Object.assign(current, fakeServer());
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  return current;
}
