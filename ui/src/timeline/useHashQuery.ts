import { useCallback, useEffect, useState } from 'react';

/** The path and query of a hash route: "#/timeline?type=X" → ["/timeline", "type=X"]. */
export function splitHash(hash: string): [string, string] {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = text.indexOf('?');
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

const read = () => new URLSearchParams(splitHash(window.location.hash)[1]);

const listeners = new Set<() => void>();

/**
 * The query of the current hash route, kept in the URL: {@code set(params)} pushes a history entry (so Back
 * undoes a filter or a selection), {@code set(params, true)} replaces the current one (a slider being dragged).
 * The route's path is kept as it is.
 */
export function useHashQuery(): [URLSearchParams, (params: URLSearchParams, replace?: boolean) => void] {
  const [params, setParams] = useState(read);

  useEffect(() => {
    const update = () => setParams(read());
    window.addEventListener('hashchange', update);
    window.addEventListener('popstate', update);
    listeners.add(update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener('popstate', update);
      listeners.delete(update);
    };
  }, []);

  const set = useCallback((next: URLSearchParams, replace = false) => {
    const [path] = splitHash(window.location.hash);
    const query = next.toString();
    const hash = `#${path || '/'}${query ? `?${query}` : ''}`;
    if (hash === window.location.hash) return;
    const url = new URL(window.location.href);
    url.hash = hash;
    if (replace) window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(null, '', url);
    listeners.forEach((listener) => listener());
  }, []);

  return [params, set];
}
