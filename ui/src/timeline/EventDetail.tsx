import { useEffect } from 'react';
import type { CauseLink, TimelineEvent } from './api';
import { useCauses } from './hooks';
import { formatTime } from './state';

interface Props {
  eventId: string;
  /** The event if it is loaded in the list (else it is taken from its chain of causes). */
  event?: TimelineEvent;
  onSelect: (eventId: string, event?: TimelineEvent) => void;
  onShowBoard?: (event: TimelineEvent) => void;
  /** Told the event when it was not loaded and came with its chain of causes. */
  onResolved?: (event: TimelineEvent) => void;
}

/** One event: its payload and metadata, and the chain of causes behind it. */
export function EventDetail({ eventId, event: loaded, onSelect, onShowBoard, onResolved }: Props) {
  const causes = useCauses(eventId);
  const event = loaded ?? causes.data?.items.find((link) => link.kind === 'event' && link.id === eventId)?.event ?? undefined;
  useEffect(() => {
    if (!loaded && event) onResolved?.(event);
  }, [loaded, event, onResolved]);

  return (
    <section className="tl-detail" aria-labelledby="tl-detail-title">
      <h2 id="tl-detail-title">{event ? event.type : 'Event'}</h2>
      {!event && causes.isPending && <p role="status">Loading the event…</p>}
      {!event && causes.isError && (
        <p className="tl-error" role="alert">
          {causes.error.message}
        </p>
      )}
      {event && (
        <>
          <dl className="tl-facts">
            <dt>Position</dt>
            <dd>{event.position}</dd>
            <dt>Time</dt>
            <dd>
              <time dateTime={event.timestamp}>{formatTime(event.timestamp)}</time>
            </dd>
            <dt>Aggregate</dt>
            <dd>
              {event.aggregate_type} <code>{event.aggregate_id}</code> (sequence {event.sequence})
            </dd>
            <dt>Event id</dt>
            <dd>
              <code>{event.event_id}</code>
            </dd>
            {event.metadata?.user && (
              <>
                <dt>User</dt>
                <dd>{event.metadata.user}</dd>
              </>
            )}
          </dl>
          {onShowBoard && (
            <button type="button" onClick={() => onShowBoard(event)}>
              Show the board at this event
            </button>
          )}
          <h3>Payload</h3>
          <pre className="tl-json" tabIndex={0} aria-label="Payload">
            {JSON.stringify(event.payload ?? {}, null, 2)}
          </pre>
          <h3>Metadata</h3>
          <pre className="tl-json" tabIndex={0} aria-label="Metadata">
            {JSON.stringify(event.metadata ?? {}, null, 2)}
          </pre>
        </>
      )}
      <h3 id="tl-causes-title">Chain of causes</h3>
      {causes.isPending && event && <p role="status">Loading the chain of causes…</p>}
      {causes.isError && event && (
        <p className="tl-error" role="alert">
          Could not load the chain of causes: {causes.error.message}
        </p>
      )}
      {causes.data && <CauseList links={causes.data.items} eventId={eventId} onSelect={onSelect} />}
    </section>
  );
}

function CauseList({
  links,
  eventId,
  onSelect,
}: {
  links: CauseLink[];
  eventId: string;
  onSelect: (eventId: string, event?: TimelineEvent) => void;
}) {
  return (
    <ol className="tl-causes" aria-labelledby="tl-causes-title">
      {links.map((link, i) => (
        <li key={`${link.kind}-${link.id}-${i}`} className={`tl-cause tl-cause-${link.kind}`}>
          <span className="tl-kind">{link.kind}</span>{' '}
          {link.kind === 'event' && link.id !== eventId ? (
            <button
              type="button"
              className="tl-link"
              onClick={() => onSelect(link.id, link.event ?? undefined)}
            >
              {link.type ?? link.id}
              {link.event ? ` #${link.event.position}` : ''}
            </button>
          ) : link.kind === 'event' ? (
            <strong aria-current="true">{link.type ?? link.id} (this event)</strong>
          ) : link.kind === 'request' ? (
            <span>
              {link.source ?? 'request'} <code>{link.id}</code>
            </span>
          ) : (
            <span>
              {link.type ?? link.kind} <code>{link.id}</code>
            </span>
          )}
          {link.user && <span className="tl-user"> by {link.user}</span>}
        </li>
      ))}
    </ol>
  );
}
