import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A stand-in for the browser's EventSource in jsdom tests: `vi.stubGlobal('EventSource', FakeEventSource)`, then
 * open the instances the code made and emit messages on them.
 */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event('open'));
  }

  /** A dropped connection: the browser tries again by itself, or (`giveUp`) closes the source for good. */
  fail(giveUp = false) {
    this.readyState = giveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.(new Event('error'));
  }

  /** A message whose SSE id is `id`, else the data's `seq`, else 1. */
  emit(data: unknown, id?: string) {
    const seq = (data as { seq?: unknown } | null)?.seq;
    const lastEventId = id ?? (seq !== undefined ? String(seq) : '1');
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(data), lastEventId }));
  }
}

/** In each test of the file calling it: EventSource is a FakeEventSource (none made yet), and timers are fake. */
export function fakeStreamsAndTimers() {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}
