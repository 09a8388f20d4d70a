import type { Card } from '../api';
import { humanize, priorityBadge } from '../board';

export function TaskCard({ card }: { card: Card }) {
  const titleId = `task-${card.task_id}-title`;
  const priority = priorityBadge(card.priority);
  const labels = card.labels ?? [];
  const blockedBy = card.blocked_by ?? [];
  const status = card.status ? card.status.toLowerCase().replace(/[^a-z0-9]+/g, '-') : '';

  return (
    <article className="card" aria-labelledby={titleId} data-task-id={card.task_id}>
      <h3 id={titleId} className="card-title">
        {card.title}
      </h3>
      <div className="badges">
        {priority && (
          <span className={`badge priority ${priority.className}`} title={priority.title}>
            <span className="sr-only">Priority </span>
            {priority.text}
          </span>
        )}
        {card.agent_name && (
          <span className="badge agent" title={`Agent: ${card.agent_name}`}>
            <span className="sr-only">Agent </span>
            {card.agent_name}
          </span>
        )}
        {card.status && (
          <span className={`badge status status-${status}`}>
            <span className="sr-only">Status </span>
            {humanize(card.status)}
          </span>
        )}
      </div>
      {labels.length > 0 && (
        <ul className="labels" aria-label="Labels">
          {labels.map((label) => (
            <li key={label} className="label">
              {label}
            </li>
          ))}
        </ul>
      )}
      {(blockedBy.length > 0 || card.attempt_count > 0 || card.last_outcome) && (
        <p className="card-meta">
          {blockedBy.length > 0 && (
            <span className="blocked" title={`Blocked by ${blockedBy.join(', ')}`}>
              Blocked by {blockedBy.length} {blockedBy.length === 1 ? 'task' : 'tasks'}
            </span>
          )}
          {card.attempt_count > 0 && (
            <span>
              {card.attempt_count} {card.attempt_count === 1 ? 'attempt' : 'attempts'}
            </span>
          )}
          {card.last_outcome && <span>Last: {humanize(card.last_outcome)}</span>}
        </p>
      )}
    </article>
  );
}
