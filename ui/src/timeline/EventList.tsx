import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TimelineEvent } from './api';
import { formatTime } from './state';

interface Props {
  events: TimelineEvent[];
  selectedId?: string;
  onSelect: (event: TimelineEvent) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Row height in px (rows are fixed-size). */
  rowHeight?: number;
}

/** The events, virtualized; scrolling near the end loads the next page. */
export function EventList({ events, selectedId, onSelect, hasMore, loadingMore, onLoadMore, rowHeight = 56 }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => events[index]?.position ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= events.length - 5) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, events.length, onLoadMore]);

  return (
    <div className="tl-list-wrap">
      <div ref={scrollRef} className="tl-list-scroll" tabIndex={-1}>
        <ul
          className="tl-list"
          aria-label="Events"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((row) => {
            const event = events[row.index];
            const selected = event.event_id === selectedId;
            return (
              <li
                key={row.key}
                aria-setsize={events.length}
                aria-posinset={row.index + 1}
                className="tl-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` }}
              >
                <button
                  type="button"
                  className={selected ? 'tl-event selected' : 'tl-event'}
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => onSelect(event)}
                >
                  <span className="tl-event-line">
                    <span className="tl-pos">#{event.position}</span> <span className="tl-type">{event.type}</span>
                  </span>
                  <span className="tl-event-sub">
                    {event.aggregate_type} {shortId(event.aggregate_id)}
                    {event.metadata?.user ? ` · ${event.metadata.user}` : ''} · {formatTime(event.timestamp)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      {hasMore && (
        <button type="button" className="tl-more" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading more events…' : 'Load more events'}
        </button>
      )}
    </div>
  );
}

export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
