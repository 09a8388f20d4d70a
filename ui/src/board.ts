// Pure helpers for the board view (unit-tested in board.test.ts).
import type { Board, BoardColumn, Card, Project } from './api';

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
  return [...cards].sort(
    (x, y) => compareRank(x.rank, y.rank) || (x.task_id < y.task_id ? -1 : x.task_id > y.task_id ? 1 : 0),
  );
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
