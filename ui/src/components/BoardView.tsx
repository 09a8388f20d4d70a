import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { Board, BoardColumn, Card } from '../api';
import { applyMove, boardColumns, dropTarget, planMove } from '../board';
import type { MoveCommand } from '../hooks';
import type { StreamState } from '../stream';
import { SortableTaskCard, TaskCard } from './TaskCard';

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
  /** Called with the move when a card is dropped somewhere new. */
  onMove?: (move: MoveCommand) => void;
  /** The href that opens a card's drawer. */
  openHref?: (taskId: string) => string;
  /** Rendered between the header and the columns (search, filters, buttons). */
  toolbar?: ReactNode;
}

/** The board header and its columns (rendered inside <main>). */
export function BoardView({ board, projectName, vision, stream = 'off', refreshing = false, onMove, openHref, toolbar }: Props) {
  return (
    <>
      <header className="board-header">
        <div>
          <h1 id="page-title">{projectName}</h1>
          {vision && <p className="vision">{vision}</p>}
        </div>
        {stream !== 'off' && (
          <p className={`stream stream-${stream}`} role="status" aria-live="polite" aria-busy={refreshing}>
            <span className="dot" aria-hidden="true" />
            {STREAM_TEXT[stream]}
          </p>
        )}
      </header>
      {toolbar}
      <BoardColumns board={board} projectName={projectName} onMove={onMove} openHref={openHref} />
    </>
  );
}

// Constant, so the sensors (and with them every card's drag listeners) stay the same from one render to the next.
const POINTER_OPTIONS = { activationConstraint: { distance: 5 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

/** Columns with sortable cards: drag with the pointer, or focus a card's handle and use Space + arrows. */
export function BoardColumns({
  board,
  projectName,
  onMove,
  openHref,
}: Pick<Props, 'board' | 'projectName' | 'onMove' | 'openHref'>) {
  // The board as the drop left it, rendered synchronously in the drop's own task (so the
  // card is in its new column before the next frame), until the board prop changes (the
  // optimistic cache update, the server's board, or a rollback).
  const [dropped, setDropped] = useState<{ base: Board; board: Board } | null>(null);
  useEffect(() => setDropped(null), [board]);
  const shown = dropped && dropped.base === board ? dropped.board : board;
  // A column whose cards did not change keeps its object, so it is not rendered again (a move touches two).
  const previous = useRef<Map<string, BoardColumn>>(new Map());
  const columns = useMemo(() => {
    const next = boardColumns(shown).map((column) => {
      const before = previous.current.get(column.id);
      return before && sameColumn(before, column) ? before : column;
    });
    previous.current = new Map(next.map((c) => [c.id, c]));
    return next;
  }, [shown]);
  const [active, setActive] = useState<Card | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  const titleOf = (id: unknown) =>
    columns.flatMap((c) => c.tasks).find((t) => t.task_id === id)?.title ?? columns.find((c) => c.id === id)?.name ?? String(id);
  const where = (id: unknown) => {
    const column = columns.find((c) => c.id === id || c.tasks.some((t) => t.task_id === id));
    return column ? `${column.name}` : '';
  };
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${titleOf(a.id)} in ${where(a.id)}.`,
    onDragOver: ({ active: a, over }) => (over ? `${titleOf(a.id)} is over ${titleOf(over.id)} in ${where(over.id)}.` : `${titleOf(a.id)} is no longer over a column.`),
    onDragEnd: ({ active: a, over }) => (over ? `${titleOf(a.id)} was dropped in ${where(over.id)}.` : `${titleOf(a.id)} was dropped back.`),
    onDragCancel: ({ active: a }) => `Moving ${titleOf(a.id)} was cancelled.`,
  };

  const onDragStart = ({ active: a }: DragStartEvent) => {
    setActive(columns.flatMap((c) => c.tasks).find((t) => t.task_id === a.id) ?? null);
  };
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    if (!over || !onMove) {
      setActive(null);
      return;
    }
    const dragged = a.rect.current.translated;
    const below = dragged && over.rect ? dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2 : false;
    const taskId = String(a.id);
    const target = dropTarget(columns, taskId, String(over.id), below);
    const move = target && planMove(columns, taskId, target);
    if (!move) {
      setActive(null);
      return;
    }
    flushSync(() => {
      setActive(null);
      setDropped({ base: board, board: applyMove(board, taskId, move) });
    });
    onMove({ task_id: taskId, ...move });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move a card, press Space or Enter on its Move button, use the arrow keys to move it within or across columns, and press Space or Enter again to drop it, or Escape to cancel.',
        },
      }}
    >
      <div className="columns" tabIndex={0} role="region" aria-label={`${projectName} board columns`}>
        {columns.map((column) => (
          <Column
            key={column.id}
            column={column}
            openHref={openHref}
            activeId={active && column.tasks.some((t) => t.task_id === active.task_id) ? active.task_id : null}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>{active ? <TaskCard card={active} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}

function sameColumn(a: BoardColumn, b: BoardColumn): boolean {
  return a.name === b.name && a.tasks.length === b.tasks.length && a.tasks.every((t, i) => t === b.tasks[i]);
}

/** Columns with more cards than this render only the cards in view (and the one being dragged). */
export const VIRTUALIZE_FROM = 60;
/** A card's height before it is measured (a title, a row of badges, labels). */
const ESTIMATED_CARD_PX = 100;
const CARD_GAP_PX = 8;

interface ColumnProps {
  column: BoardColumn;
  openHref?: (taskId: string) => string;
  /** The card being dragged, if any (a virtualized column keeps it rendered). */
  activeId: string | null;
}

const Column = memo(function Column({ column, openHref, activeId }: ColumnProps) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const { setNodeRef, isOver } = useDroppable({ id: column.id });
  const setScrollRef = useCallback(
    (el: HTMLDivElement | null) => {
      scrollRef.current = el;
      setNodeRef(el);
    },
    [setNodeRef],
  );
  const ids = useMemo(() => column.tasks.map((t) => t.task_id), [column.tasks]);
  return (
    <section className={`column${isOver ? ' column-over' : ''}`} aria-label={column.name} data-column-id={column.id}>
      <header className="column-header">
        <h2>{column.name}</h2>
        <span className="count">
          {column.tasks.length}
          <span className="sr-only"> {column.tasks.length === 1 ? 'card' : 'cards'}</span>
        </span>
      </header>
      <div className="cards-scroll" ref={setScrollRef}>
        <SortableContext id={column.id} items={ids} strategy={verticalListSortingStrategy}>
          {column.tasks.length > VIRTUALIZE_FROM ? (
            <VirtualCards tasks={column.tasks} openHref={openHref} activeId={activeId} scrollRef={scrollRef} />
          ) : (
            <ol className="cards">
              {column.tasks.map((card) => (
                <SortableTaskCard key={card.task_id} card={card} openHref={openHref?.(card.task_id)} />
              ))}
              {column.tasks.length === 0 && <li className="empty-column">No cards</li>}
            </ol>
          )}
        </SortableContext>
      </div>
    </section>
  );
});

/**
 * A long column's cards: only those in (and near) the column's visible area are in the DOM, each
 * absolutely placed at its offset, plus the card being dragged wherever it is (dnd-kit needs its
 * node for the whole drag). Heights are measured as cards render.
 */
function VirtualCards({
  tasks,
  openHref,
  activeId,
  scrollRef,
}: {
  tasks: Card[];
  openHref?: (taskId: string) => string;
  activeId: string | null;
  scrollRef: RefObject<HTMLDivElement | null>;
}) {
  const activeIndex = activeId ? tasks.findIndex((t) => t.task_id === activeId) : -1;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => tasks[index].task_id,
    gap: CARD_GAP_PX,
    overscan: 4,
    rangeExtractor,
    initialRect: { width: 300, height: 800 },
  });
  return (
    <ol className="cards cards-virtual" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const card = tasks[item.index];
        return (
          <SortableTaskCard
            key={card.task_id}
            card={card}
            openHref={openHref?.(card.task_id)}
            index={item.index}
            top={item.start}
            measureRef={virtualizer.measureElement}
          />
        );
      })}
    </ol>
  );
}
