import type { SnapshotBoard, TimelineEvent } from './api';
import { useBoardAsOf, useDebounced } from './hooks';
import { formatTime, indexAtOrBefore } from './state';

interface Props {
  /** The loaded events, in store order: the slider's stops. */
  events: TimelineEvent[];
  /** The chosen position (absent: the latest loaded event). */
  at?: number;
  onChange: (position: number | undefined) => void;
  selected?: TimelineEvent;
  projectId: string | null;
  projectName?: string;
  debounceMs?: number;
}

/** A slider over the loaded events' positions and the board of the project as it was at the chosen one. */
export function TimeTravel({ events, at, onChange, selected, projectId, projectName, debounceMs = 150 }: Props) {
  const positions = events.map((e) => e.position);
  const latest = positions.length ? positions[positions.length - 1] : null;
  const position = at ?? latest;
  const index = position === null ? 0 : indexAtOrBefore(positions, position);
  const stop = events[index];
  const asOf = useDebounced(position, debounceMs);
  const board = useBoardAsOf(projectId, asOf);

  const valueText =
    position === null
      ? 'No events'
      : stop && stop.position === position
        ? `Position ${position}: ${stop.type}, ${formatTime(stop.timestamp)}`
        : `Position ${position}`;

  return (
    <section className="tl-travel" aria-labelledby="tl-travel-title">
      <h2 id="tl-travel-title">Time travel</h2>
      <div className="tl-slider-row">
        <label htmlFor="tl-slider">Board as of</label>
        <input
          id="tl-slider"
          type="range"
          min={0}
          max={Math.max(0, positions.length - 1)}
          step={1}
          value={index}
          disabled={!positions.length}
          aria-valuetext={valueText}
          onChange={(e) => {
            const next = positions[Number(e.target.value)];
            onChange(next === latest ? undefined : next);
          }}
        />
        <output htmlFor="tl-slider" className="tl-slider-value" aria-live="polite">
          {valueText}
          {at === undefined && position !== null ? ' (latest)' : ''}
        </output>
      </div>
      <div className="tl-slider-buttons">
        <button
          type="button"
          disabled={!positions.length || index <= 0}
          onClick={() => onChange(positions[Math.max(0, index - 1)])}
        >
          Earlier
        </button>
        <button
          type="button"
          disabled={!positions.length || index >= positions.length - 1}
          onClick={() => {
            const next = positions[Math.min(positions.length - 1, index + 1)];
            onChange(next === latest ? undefined : next);
          }}
        >
          Later
        </button>
        <button type="button" disabled={!selected} onClick={() => selected && onChange(selected.position)}>
          To the selected event
        </button>
        <button type="button" disabled={at === undefined} onClick={() => onChange(undefined)}>
          Latest
        </button>
      </div>
      {!projectId ? (
        <p className="tl-hint">Choose a project in the filters, or select an event of a project, to see its board.</p>
      ) : position === null ? (
        <p className="tl-hint">No events loaded to travel through.</p>
      ) : board.isError ? (
        <p className="tl-error" role="alert">
          {board.error.message}
        </p>
      ) : board.data ? (
        <BoardSnapshot
          board={board.data}
          title={`${projectName ?? projectId} at position ${board.data.position ?? asOf}`}
          busy={board.isFetching}
        />
      ) : (
        <p role="status">Loading the board…</p>
      )}
    </section>
  );
}

/** A read-only board: columns with their cards' titles and status. */
export function BoardSnapshot({ board, title, busy }: { board: SnapshotBoard; title: string; busy?: boolean }) {
  return (
    <div className="tl-board" aria-busy={busy || undefined}>
      <h3>{title}</h3>
      <div className="tl-columns">
        {board.columns.map((column) => (
          <section key={column.id} className="tl-column" aria-label={column.name}>
            <h4>
              {column.name} <span className="tl-count">{column.tasks.length}</span>
            </h4>
            {column.tasks.length === 0 ? (
              <p className="tl-empty">No cards</p>
            ) : (
              <ul>
                {column.tasks.map((task) => (
                  <li key={task.task_id} className="tl-card" aria-label={task.title}>
                    <span className="tl-card-title">{task.title}</span>
                    {task.status && <span className="tl-card-status">{task.status.replace(/_/g, ' ')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
