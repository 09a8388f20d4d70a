import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { expect, it, vi } from 'vitest';
import { projectsKey, useBoardStream } from './hooks';
import { FakeEventSource, fakeStreamsAndTimers } from './test/FakeEventSource';

fakeStreamsAndTimers();

it("reads the project list's counts again at most once a second however busy the board's stream is", () => {
  const client = new QueryClient();
  const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  renderHook(() => useBoardStream('p1'), { wrapper });
  const stream = FakeEventSource.instances[0];
  act(() => stream.open());
  const reads = (key: unknown) => invalidate.mock.calls.filter(([filters]) => JSON.stringify(filters?.queryKey) === JSON.stringify(key)).length;

  // a change every 100 ms for 3 s
  for (let i = 0; i < 30; i++) {
    act(() => stream.emit({ type: 'TaskMoved' }, String(i + 1)));
    act(() => vi.advanceTimersByTime(100));
  }
  act(() => vi.advanceTimersByTime(1000));
  expect(reads(['board', 'p1'])).toBe(30);
  expect(reads(projectsKey)).toBe(3);

  // a lone change still reaches the sidebar
  act(() => stream.emit({ type: 'TaskCreated' }, '31'));
  act(() => vi.advanceTimersByTime(1050));
  expect(reads(projectsKey)).toBe(4);
});
