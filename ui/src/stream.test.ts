import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { coalesce, useCoalesced, useEventStream } from './stream';
import { FakeEventSource, fakeStreamsAndTimers } from './test/FakeEventSource';

fakeStreamsAndTimers();

const last = () => FakeEventSource.instances[FakeEventSource.instances.length - 1];

function follow(key: string | null = 's1') {
  const stream = {
    url: vi.fn((lastId: string | null) => `/stream${lastId ? `?after=${lastId}` : ''}`),
    onMessage: vi.fn(),
    onOpen: vi.fn(),
  };
  const hook = renderHook(({ k }) => useEventStream(k, stream), { initialProps: { k: key } });
  return { ...hook, stream };
}

describe('useEventStream', () => {
  it('opens the stream, reports its state and hands each message on', () => {
    const { result, stream } = follow();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(last().url).toBe('/stream');
    expect(result.current).toBe('connecting');
    act(() => last().open());
    expect(result.current).toBe('live');
    expect(stream.onOpen).toHaveBeenCalledWith(false);
    act(() => last().emit({ seq: 4 }));
    expect(stream.onMessage).toHaveBeenCalledTimes(1);
    expect(JSON.parse(stream.onMessage.mock.calls[0][0].data)).toEqual({ seq: 4 });
  });

  it('leaves a dropped connection to the browser, and says the next open resumes', () => {
    const { result, stream } = follow();
    act(() => last().open());
    act(() => last().fail());
    expect(result.current).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(60_000));
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => last().open());
    expect(result.current).toBe('live');
    expect(stream.onOpen).toHaveBeenLastCalledWith(true);
  });

  it('opens a new source after the last id when the browser gives up, waiting longer each time up to 30 s', () => {
    const { result } = follow();
    act(() => last().open());
    act(() => last().emit({ seq: 7 }));
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = FakeEventSource.instances.length;
      act(() => last().fail(true));
      expect(result.current).toBe('reconnecting');
      expect(FakeEventSource.instances[before - 1].readyState).toBe(FakeEventSource.CLOSED);
      let waited = 0;
      while (FakeEventSource.instances.length === before) {
        act(() => vi.advanceTimersByTime(500));
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(last().url).toBe('/stream?after=7');
    // an open connection starts the waits again from 1 s
    act(() => last().open());
    act(() => last().fail(true));
    act(() => vi.advanceTimersByTime(1000));
    expect(FakeEventSource.instances).toHaveLength(9);
  });

  it('opens nothing without a key, moves to a new key, and closes everything on unmount', () => {
    const { result, rerender, unmount } = follow(null);
    expect(result.current).toBe('off');
    expect(FakeEventSource.instances).toHaveLength(0);
    rerender({ k: 'a' });
    const a = last();
    rerender({ k: 'b' });
    expect(a.readyState).toBe(FakeEventSource.CLOSED);
    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => last().fail(true));
    unmount();
    act(() => vi.advanceTimersByTime(60_000));
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('calls the callbacks of the latest render', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderHook(({ onMessage }) => useEventStream('k', { url: () => '/s', onMessage }), {
      initialProps: { onMessage: first },
    });
    rerender({ onMessage: second });
    act(() => last().emit({}));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});

describe('coalesce', () => {
  it('runs once for a burst, again for the next burst, never once cancelled', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 100);
    c.run();
    c.run();
    vi.advanceTimersByTime(99);
    c.run();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    c.run();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs the latest function in a component, and nothing after unmount', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender, unmount } = renderHook(({ fn }) => useCoalesced(fn, 50), { initialProps: { fn: first } });
    const run = result.current;
    run();
    rerender({ fn: second });
    expect(result.current).toBe(run);
    vi.advanceTimersByTime(50);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    result.current();
    unmount();
    vi.advanceTimersByTime(50);
    expect(second).toHaveBeenCalledTimes(1);
  });
});
