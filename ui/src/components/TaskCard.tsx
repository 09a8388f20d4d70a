import { memo, useCallback, useMemo, type CSSProperties, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Card } from '../api';
import { humanize, priorityBadge } from '../board';

interface Props {
  card: Card;
  /** Link that opens the card's drawer (a search string such as `?task=<id>`). */
  openHref?: string;
  /** Props of the drag handle (from useSortable); without them the card is static. */
  handleProps?: HTMLAttributes<HTMLButtonElement> & { ref?: (el: HTMLElement | null) => void };
  /** Pointer listeners that start a drag anywhere on the card. */
  dragListeners?: HTMLAttributes<HTMLElement>;
  overlay?: boolean;
}

export const TaskCard = memo(function TaskCard({ card, openHref, handleProps, dragListeners, overlay = false }: Props) {
  const titleId = `task-${card.task_id}-title${overlay ? '-overlay' : ''}`;
  const priority = priorityBadge(card.priority);
  const labels = card.labels ?? [];
  const blockedBy = card.blocked_by ?? [];
  const status = card.status ? card.status.toLowerCase().replace(/[^a-z0-9]+/g, '-') : '';

  return (
    <article
      className={`card${overlay ? ' card-overlay' : ''}`}
      aria-labelledby={titleId}
      data-task-id={overlay ? undefined : card.task_id}
      {...dragListeners}
    >
      <div className="card-top">
        <h3 id={titleId} className="card-title">
          {openHref ? <Link to={openHref}>{card.title}</Link> : card.title}
        </h3>
        {handleProps && (
          <button type="button" className="drag-handle" aria-label={`Move ${card.title}`} {...handleProps}>
            <span aria-hidden="true">⠿</span>
          </button>
        )}
      </div>
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
        {card.moxxy?.job_id && (
          <span
            className="badge moxxy"
            title={`moxxy job ${card.moxxy.job_id}${card.moxxy.agent ? ` (agent ${card.moxxy.agent})` : ''}${card.moxxy.status ? `: ${card.moxxy.status}` : ''}`}
          >
            <span className="sr-only">Linked to a </span>moxxy
            {card.moxxy.status && <span className="sr-only"> job, {card.moxxy.status}</span>}
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
}, sameTaskCardProps);

function sameTaskCardProps(a: Props, b: Props): boolean {
  return (
    a.openHref === b.openHref &&
    a.handleProps === b.handleProps &&
    a.dragListeners === b.dragListeners &&
    a.overlay === b.overlay &&
    sameCardView(a.card, b.card)
  );
}

/**
 * Whether two versions of a card render the same: every field but the rank (an optimistic move renumbers
 * the ranks of the columns it touches; a rank is never shown), nested values by identity.
 */
export function sameCardView(a: Card, b: Card): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key !== 'rank' && a[key as keyof Card] !== b[key as keyof Card]) return false;
  }
  return true;
}

interface SortableProps {
  card: Card;
  openHref?: string;
  /** In a virtualized column: the card's index, its offset from the list's top, and the ref that measures it. */
  index?: number;
  top?: number;
  measureRef?: (el: HTMLElement | null) => void;
}

/**
 * No animation of the cards that shift when a drop changes their index: it would measure each of them
 * (a forced layout) and render them again, in the drop's own task.
 */
const noLayoutAnimation = () => false;

/** A card that can be dragged (pointer: anywhere on it; keyboard: its handle button). */
export const SortableTaskCard = memo(function SortableTaskCard({ card, openHref, index, top, measureRef }: SortableProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.task_id,
    data: { column: card.column },
    animateLayoutChanges: noLayoutAnimation,
  });
  const ref = useCallback(
    (el: HTMLLIElement | null) => {
      setNodeRef(el);
      measureRef?.(el);
    },
    [setNodeRef, measureRef],
  );
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
  };
  if (top !== undefined) style.top = top;
  // The keyboard listener must sit on the handle only (Enter on the title link opens the drawer).
  const [pointerListeners, handleProps] = useMemo(() => {
    const { onKeyDown, ...pointer } = (listeners ?? {}) as Record<string, never>;
    return [pointer, { ...attributes, ref: setActivatorNodeRef, onKeyDown }] as const;
  }, [listeners, attributes, setActivatorNodeRef]);
  return (
    <li ref={ref} style={style} className={isDragging ? 'dragging' : undefined} data-index={index}>
      <TaskCard card={card} openHref={openHref} dragListeners={pointerListeners} handleProps={handleProps} />
    </li>
  );
}, sameSortableProps);

function sameSortableProps(a: SortableProps, b: SortableProps): boolean {
  return (
    a.openHref === b.openHref &&
    a.index === b.index &&
    a.top === b.top &&
    a.measureRef === b.measureRef &&
    sameCardView(a.card, b.card)
  );
}
