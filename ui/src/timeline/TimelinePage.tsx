import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { ProjectSummary, TimelineEvent, TimelineFilters } from './api';
import { EventDetail } from './EventDetail';
import { EventList } from './EventList';
import { TimeTravel } from './TimeTravel';
import { useProjectList, useTimelineEvents } from './hooks';
import type { StreamState } from '../stream';
import {
  filtersKey,
  isoToLocalInput,
  localInputToIso,
  projectOf,
  readView,
  writeView,
  type Order,
  type TimelineView,
} from './state';
import { useHashQuery } from './useHashQuery';
import './timeline.css';

interface Props {
  /** How long the slider must rest before the board is fetched (ms). */
  sliderDebounceMs?: number;
}

/**
 * The event timeline (#/timeline): filters kept in the hash route's query, the events (virtualized, paged,
 * live), the selected event with its payload, metadata and chain of causes, and a time slider showing the board
 * as it was at a position.
 */
export function TimelinePage({ sliderDebounceMs = 150 }: Props) {
  const [params, setParams] = useHashQuery();
  const view = useMemo(() => readView(params), [params]);
  const update = useCallback(
    (next: Partial<TimelineView>, replace = false) => setParams(writeView({ ...view, ...next }), replace),
    [setParams, view],
  );

  const projects = useProjectList();
  const { events, pages, live } = useTimelineEvents(view.filters, { loadAll: view.order === 'newest' });
  const shown = useMemo(() => (view.order === 'newest' ? [...events].reverse() : events), [events, view.order]);

  // Events met through chains of causes, so that a cause outside the loaded pages can still be shown.
  const [met, setMet] = useState<Record<string, TimelineEvent>>({});
  const selected = view.event ? (events.find((e) => e.event_id === view.event) ?? met[view.event]) : undefined;

  const remember = useCallback(
    (event: TimelineEvent) =>
      setMet((current) => (current[event.event_id] ? current : { ...current, [event.event_id]: event })),
    [],
  );
  const select = useCallback(
    (eventId: string, event?: TimelineEvent) => {
      if (event) remember(event);
      update({ event: eventId });
    },
    [update, remember],
  );

  const boardProject = view.filters.project_id ?? projectOf(selected) ?? null;
  const projectName = projects.data?.items.find((p) => p.project_id === boardProject)?.name;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <div className="tl-page">
      <header className="tl-header">
        <h1 id="page-title">Timeline</h1>
        <LiveBadge state={live} />
      </header>
      <FilterForm
        key={filtersKey(view.filters)}
        filters={view.filters}
        order={view.order}
        projects={projects.data?.items ?? []}
        onApply={(filters) => update({ filters, at: undefined })}
        onOrder={(order) => update({ order })}
      />
      <div className="tl-body">
        <section className="tl-events" aria-labelledby="tl-events-title">
          <h2 id="tl-events-title">
            Events <span className="tl-count">{events.length}{hasNextPage ? '+' : ''}</span>
          </h2>
          {pages.isError ? (
            <div className="tl-error" role="alert">
              <p>Could not load the timeline: {pages.error.message}</p>
              <button type="button" onClick={() => void pages.refetch()}>
                Try again
              </button>
            </div>
          ) : pages.isPending ? (
            <p role="status">Loading events…</p>
          ) : events.length === 0 ? (
            <p className="tl-hint">No events match these filters.</p>
          ) : (
            <EventList
              events={shown}
              selectedId={view.event}
              onSelect={(event) => select(event.event_id, event)}
              hasMore={!!hasNextPage && view.order === 'store'}
              loadingMore={isFetchingNextPage}
              onLoadMore={loadMore}
            />
          )}
        </section>
        <div className="tl-side">
          {view.event ? (
            <EventDetail
              key={view.event}
              eventId={view.event}
              event={selected}
              onSelect={select}
              onShowBoard={(event) => update({ at: event.position }, true)}
              onResolved={remember}
            />
          ) : (
            <p className="tl-hint">Select an event to see its payload, metadata and chain of causes.</p>
          )}
        </div>
      </div>
      <TimeTravel
        events={events}
        at={view.at}
        onChange={(at) => update({ at }, true)}
        selected={selected}
        projectId={boardProject}
        projectName={projectName}
        debounceMs={sliderDebounceMs}
      />
    </div>
  );
}

function LiveBadge({ state }: { state: StreamState }) {
  const text = {
    off: 'Not live',
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
  }[state];
  return (
    <span className={`tl-live tl-live-${state}`} role="status">
      {text}
    </span>
  );
}

interface FilterFormProps {
  filters: TimelineFilters;
  order: Order;
  projects: ProjectSummary[];
  onApply: (filters: TimelineFilters) => void;
  onOrder: (order: Order) => void;
}

/** The filters; text fields apply on submit, the project at once. Remounted when the URL's filters change. */
function FilterForm({ filters, order, projects, onApply, onOrder }: FilterFormProps) {
  const [aggregate, setAggregate] = useState(filters.aggregate_id ?? '');
  const [type, setType] = useState(filters.type ?? '');
  const [user, setUser] = useState(filters.user ?? '');
  const [from, setFrom] = useState(isoToLocalInput(filters.after));
  const [to, setTo] = useState(isoToLocalInput(filters.before));
  // A bound given as a position in the URL is kept unless its field is edited.
  const positionBound = (value: string | undefined) => (value && /^\d+$/.test(value) ? value : undefined);

  const draft = (project: string | undefined): TimelineFilters => ({
    project_id: project || undefined,
    aggregate_id: aggregate.trim() || undefined,
    type: type.trim() || undefined,
    user: user.trim() || undefined,
    after: localInputToIso(from) ?? positionBound(filters.after),
    before: localInputToIso(to) ?? positionBound(filters.before),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft(filters.project_id));
  };

  return (
    <form className="tl-filters" onSubmit={submit} aria-label="Filters">
      <div className="tl-field">
        <label htmlFor="tl-project">Project</label>
        <select id="tl-project" value={filters.project_id ?? ''} onChange={(e) => onApply(draft(e.target.value))}>
          <option value="">All projects</option>
          {projects.map((p) => (
            <option key={p.project_id} value={p.project_id}>
              {p.name}
            </option>
          ))}
          {filters.project_id && !projects.some((p) => p.project_id === filters.project_id) && (
            <option value={filters.project_id}>{filters.project_id}</option>
          )}
        </select>
      </div>
      <div className="tl-field">
        <label htmlFor="tl-aggregate">Aggregate id</label>
        <input id="tl-aggregate" value={aggregate} onChange={(e) => setAggregate(e.target.value)} />
      </div>
      <div className="tl-field">
        <label htmlFor="tl-type">Event type</label>
        <input
          id="tl-type"
          value={type}
          placeholder="TaskMovedEvent"
          onChange={(e) => setType(e.target.value)}
        />
      </div>
      <div className="tl-field">
        <label htmlFor="tl-user">User</label>
        <input id="tl-user" value={user} onChange={(e) => setUser(e.target.value)} />
      </div>
      <div className="tl-field">
        <label htmlFor="tl-from">From</label>
        <input id="tl-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="tl-field">
        <label htmlFor="tl-to">To</label>
        <input id="tl-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="tl-field">
        <label htmlFor="tl-order">Order</label>
        <select id="tl-order" value={order} onChange={(e) => onOrder(e.target.value as Order)}>
          <option value="store">Store order (oldest first)</option>
          <option value="newest">Newest first</option>
        </select>
      </div>
      <div className="tl-actions">
        <button type="submit">Apply filters</button>
        <button type="button" onClick={() => onApply({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
