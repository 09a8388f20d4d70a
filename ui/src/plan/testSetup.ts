// What React Flow needs from the browser that jsdom lacks; imported by the plan tests that render a canvas.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

const g = globalThis as Record<string, unknown>;
g.ResizeObserver ??= ResizeObserverStub;
g.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;

// nodes measure themselves through offsetWidth/Height, 0 in jsdom
Object.defineProperties(globalThis.HTMLElement.prototype, {
  offsetHeight: { configurable: true, get: () => 64 },
  offsetWidth: { configurable: true, get: () => 200 },
});
(globalThis.SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox ??= () =>
  ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
