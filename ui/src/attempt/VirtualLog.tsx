import { useCallback, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { autoScrollAfterScroll, isAtBottom } from './logModel';

/**
 * A virtualized, scrollable log: only the rows in view (plus a margin) are in
 * the DOM, so tens of thousands of lines stay smooth. Rows are measured after
 * rendering (`measure`) or all `estimateSize` high. With `follow` on it keeps
 * the newest row in view; scrolling up turns `follow` off through
 * `onFollowChange`.
 */
export function VirtualLog({
  count,
  getKey,
  renderRow,
  estimateSize,
  measure,
  follow,
  onFollowChange,
  label,
  className,
}: {
  count: number;
  getKey: (index: number) => string | number;
  renderRow: (index: number) => ReactNode;
  estimateSize: number;
  measure: boolean;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  label: string;
  className?: string;
}) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const lastTop = useRef(0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey: getKey,
    overscan: 15,
    // jsdom and first paint: assume a viewport until the element is measured
    initialRect: { width: 800, height: 600 },
  });
  const totalSize = virtualizer.getTotalSize();

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!follow || !el || count === 0) return;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  }, [follow, count, totalSize]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const next = autoScrollAfterScroll(follow, lastTop.current, el.scrollTop, isAtBottom(el));
    lastTop.current = el.scrollTop;
    if (next !== follow) onFollowChange(next);
  }, [follow, onFollowChange]);

  return (
    <div
      ref={scrollRef}
      className={`attempt-log-scroll ${className ?? ''}`}
      role="log"
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      onScroll={onScroll}
    >
      <div className="attempt-log-inner" style={{ height: totalSize }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={measure ? virtualizer.measureElement : undefined}
            className="attempt-log-row"
            style={{ transform: `translateY(${item.start}px)`, height: measure ? undefined : item.size }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
