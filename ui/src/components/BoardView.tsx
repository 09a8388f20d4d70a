import type { Board } from '../api';
import { boardColumns } from '../board';
import type { StreamState } from '../hooks';
import { TaskCard } from './TaskCard';

const STREAM_TEXT: Record<StreamState, string> = {
  off: '',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

interface Props {
  board: Board;
  projectName: string;
  vision?: string | null;
  stream?: StreamState;
  refreshing?: boolean;
}

/** The read-only kanban board of one project (rendered inside <main>). */
export function BoardView({ board, projectName, vision, stream = 'off', refreshing = false }: Props) {
  const columns = boardColumns(board);
  return (
    <>
      <header className="board-header">
        <div>
          <h1 id="board-title">{projectName}</h1>
          {vision && <p className="vision">{vision}</p>}
        </div>
        {stream !== 'off' && (
          <p className={`stream stream-${stream}`} role="status" aria-live="polite" aria-busy={refreshing}>
            <span className="dot" aria-hidden="true" />
            {STREAM_TEXT[stream]}
          </p>
        )}
      </header>
      <div className="columns" tabIndex={0} role="region" aria-label={`${projectName} board columns`}>
        {columns.map((column) => (
          <section key={column.id} className="column" aria-label={column.name} data-column-id={column.id}>
            <header className="column-header">
              <h2>{column.name}</h2>
              <span className="count">
                {column.tasks.length}
                <span className="sr-only"> {column.tasks.length === 1 ? 'card' : 'cards'}</span>
              </span>
            </header>
            {column.tasks.length > 0 ? (
              <ol className="cards">
                {column.tasks.map((card) => (
                  <li key={card.task_id}>
                    <TaskCard card={card} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="empty-column">No cards</p>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
