// Pure helpers for the board view (unit-tested in board.test.ts).
import type { Board, BoardColumn, BoardFilters, Card, MoveRequest, Project } from './api';

export interface PriorityBadge {
  text: string;
  className: string;
  title: string;
}

const PRIORITY_WORDS = ['highest', 'high', 'medium', 'low', 'lowest'];

/** P0..P4 badge for a priority, or null when the card has none (or an invalid one). */
export function priorityBadge(priority: number | null | undefined): PriorityBadge | null {
  if (priority === null || priority === undefined) return null;
  if (!Number.isInteger(priority) || priority < 0 || priority > 4) return null;
  return {
    text: `P${priority}`,
    className: `priority-p${priority}`,
    title: `Priority P${priority} (${PRIORITY_WORDS[priority]})`,
  };
}

/** Compare two ranks: numbers numerically, strings by code unit (lexorank), nulls last. */
export function compareRank(a: Card['rank'], b: Card['rank']): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Cards in display order: by rank, then by task id so the order is stable. */
export function sortCards(cards: readonly Card[]): Card[] {
  const order = (x: Card, y: Card) =>
    compareRank(x.rank, y.rank) || (x.task_id < y.task_id ? -1 : x.task_id > y.task_id ? 1 : 0);
  // The server answers cards in rank order: a check in one pass spares a sort of a long column.
  let sorted = true;
  for (let i = 1; i < cards.length && sorted; i++) sorted = order(cards[i - 1], cards[i]) <= 0;
  return sorted ? [...cards] : [...cards].sort(order);
}

/**
 * Columns to render, in the board's column order, each with its cards sorted.
 * A card whose `column` names another known column is moved there, so the view
 * never shows a card in a column it does not belong to.
 */
export function boardColumns(board: Board): BoardColumn[] {
  const known = new Set(board.columns.map((c) => c.id));
  const byColumn = new Map<string, Card[]>(board.columns.map((c) => [c.id, []]));
  for (const column of board.columns) {
    for (const card of column.tasks ?? []) {
      const target = card.column && known.has(card.column) ? card.column : column.id;
      byColumn.get(target)!.push(card);
    }
  }
  return board.columns.map((c) => ({ id: c.id, name: c.name, tasks: sortCards(byColumn.get(c.id)!) }));
}

/** "in_progress" → "In progress". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const spaced = value.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Total number of tasks of a project, from its per-column counts. */
export function totalTasks(project: Pick<Project, 'counts'>): number {
  return Object.values(project.counts ?? {}).reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
}

/**
 * The project to show: the one asked for in the URL if any, else the first
 * project that is not archived, else the first project, else null.
 */
export function resolveSelectedProject(projects: readonly Project[], requested: string | null): string | null {
  if (requested) return requested;
  const active = projects.find((p) => !p.archived);
  return (active ?? projects[0])?.project_id ?? null;
}

// ---- Moving cards ----

/** Where a dragged card should land: a column and its index in that column's list without the card. */
export interface DropTarget {
  column: string;
  index: number;
}

/**
 * The drop target of a drag that ended over `overId` (a card id or a column id).
 * Within its own column a card takes the place of the card it is dropped on (as
 * arrayMove does); in another column it goes before that card, or after it when
 * `below` (the dragged card's centre is below the centre of the card under it).
 */
export function dropTarget(
  columns: readonly BoardColumn[],
  activeId: string,
  overId: string,
  below = false,
): DropTarget | null {
  const overColumn = columns.find((c) => c.id === overId);
  if (overColumn) {
    return { column: overColumn.id, index: overColumn.tasks.filter((t) => t.task_id !== activeId).length };
  }
  const home = columns.find((c) => c.tasks.some((t) => t.task_id === overId));
  if (!home) return null;
  const sameColumn = home.tasks.some((t) => t.task_id === activeId);
  if (sameColumn) {
    return { column: home.id, index: home.tasks.findIndex((t) => t.task_id === overId) };
  }
  const index = home.tasks.findIndex((t) => t.task_id === overId);
  return { column: home.id, index: index + (below ? 1 : 0) };
}

/**
 * The move request that puts `taskId` at `target`: the column and the neighbours
 * it lands between (`after_task_id` above it, `before_task_id` below it). Null
 * when the card would stay where it is.
 */
export function planMove(columns: readonly BoardColumn[], taskId: string, target: DropTarget): MoveRequest | null {
  const from = columns.find((c) => c.tasks.some((t) => t.task_id === taskId));
  const to = columns.find((c) => c.id === target.column);
  if (!from || !to) return null;
  const list = to.tasks.filter((t) => t.task_id !== taskId);
  const index = Math.max(0, Math.min(target.index, list.length));
  if (from.id === to.id && from.tasks.findIndex((t) => t.task_id === taskId) === index) return null;
  const move: MoveRequest = { column: to.id };
  const above = list[index - 1];
  const below = list[index];
  if (above) move.after_task_id = above.task_id;
  if (below) move.before_task_id = below.task_id;
  return move;
}

/**
 * The board as it will be once `move` is done (for the optimistic update): the
 * card sits in its new column right after `after_task_id`, else right before
 * `before_task_id`, else at the end. Cards of the columns touched get numeric
 * ranks in their new order, so {@link boardColumns} keeps that order until the
 * server's board replaces this one.
 */
export function applyMove(board: Board, taskId: string, move: MoveRequest): Board {
  const columns = boardColumns(board);
  const from = columns.find((c) => c.tasks.some((t) => t.task_id === taskId));
  const to = columns.find((c) => c.id === move.column);
  if (!from || !to) return board;
  const card = from.tasks.find((t) => t.task_id === taskId)!;
  from.tasks = from.tasks.filter((t) => t.task_id !== taskId);
  const list = from === to ? from.tasks : to.tasks;
  let index = list.length;
  const afterIndex = move.after_task_id ? list.findIndex((t) => t.task_id === move.after_task_id) : -1;
  const beforeIndex = move.before_task_id ? list.findIndex((t) => t.task_id === move.before_task_id) : -1;
  if (afterIndex >= 0) index = afterIndex + 1;
  else if (beforeIndex >= 0) index = beforeIndex;
  list.splice(index, 0, { ...card, column: to.id });
  const renumber = (c: BoardColumn) => {
    c.tasks = c.tasks.map((t, i) => ({ ...t, rank: i }));
  };
  renumber(from);
  if (to !== from) {
    to.tasks = list;
    renumber(to);
  }
  return { ...board, columns };
}

// ---- Filters in the URL ----

export const FILTER_KEYS = ['q', 'label', 'agent', 'status'] as const;

/** The board filters named in the URL's search parameters. */
export function filtersFromParams(params: URLSearchParams): BoardFilters {
  const filters: BoardFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** A copy of `params` with one parameter (a filter, `task`) set (or removed when empty); other parameters stay. */
export function withFilter(params: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value.trim()) next.set(key, value);
  else next.delete(key);
  return next;
}

export const TASK_STATUSES = ['idle', 'queued', 'running', 'review', 'done', 'failed', 'blocked', 'paused', 'stopped'];

/** Split "a, b,,c" into ["a","b","c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
