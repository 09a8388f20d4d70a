import { describe, expect, it } from 'vitest';
import { boardQuery } from '../api';
import { applyMove, boardColumns, dropTarget, filtersFromParams, planMove, withFilter } from '../board';
import { boardKey } from '../hooks';
import { alphaBoard } from '../test/fixtures';

const cols = () => boardColumns(alphaBoard);
const ids = (board: ReturnType<typeof applyMove>, column: string) =>
  boardColumns(board)
    .find((c) => c.id === column)!
    .tasks.map((t) => t.task_id);

describe('dropTarget', () => {
  // To Do is [t2, t0]; Backlog [t1]; In Progress [t4]; Review and Done empty.
  it('drops on a column at its end', () => {
    expect(dropTarget(cols(), 't1', 'todo')).toEqual({ column: 'todo', index: 2 });
    expect(dropTarget(cols(), 't2', 'review')).toEqual({ column: 'review', index: 0 });
    // The card's own column does not count the card.
    expect(dropTarget(cols(), 't2', 'todo')).toEqual({ column: 'todo', index: 1 });
  });

  it('takes the place of the card it is dropped on within its own column', () => {
    expect(dropTarget(cols(), 't2', 't0')).toEqual({ column: 'todo', index: 1 });
    expect(dropTarget(cols(), 't0', 't2')).toEqual({ column: 'todo', index: 0 });
  });

  it('goes before or after a card of another column', () => {
    expect(dropTarget(cols(), 't1', 't0')).toEqual({ column: 'todo', index: 1 });
    expect(dropTarget(cols(), 't1', 't0', true)).toEqual({ column: 'todo', index: 2 });
    expect(dropTarget(cols(), 't1', 'nope')).toBeNull();
  });
});

describe('planMove', () => {
  it('names the neighbours the card lands between', () => {
    expect(planMove(cols(), 't1', { column: 'todo', index: 1 })).toEqual({
      column: 'todo',
      after_task_id: 't2',
      before_task_id: 't0',
    });
    expect(planMove(cols(), 't1', { column: 'todo', index: 0 })).toEqual({ column: 'todo', before_task_id: 't2' });
    expect(planMove(cols(), 't1', { column: 'todo', index: 2 })).toEqual({ column: 'todo', after_task_id: 't0' });
  });

  it('moves to an empty column with neither neighbour (= end of column)', () => {
    expect(planMove(cols(), 't2', { column: 'review', index: 0 })).toEqual({ column: 'review' });
  });

  it('reorders within a column', () => {
    expect(planMove(cols(), 't2', { column: 'todo', index: 1 })).toEqual({ column: 'todo', after_task_id: 't0' });
    expect(planMove(cols(), 't0', { column: 'todo', index: 0 })).toEqual({ column: 'todo', before_task_id: 't2' });
  });

  it('is null when the card would stay where it is, or the column is unknown', () => {
    expect(planMove(cols(), 't2', { column: 'todo', index: 0 })).toBeNull();
    expect(planMove(cols(), 't2', { column: 'nowhere', index: 0 })).toBeNull();
    expect(planMove(cols(), 'ghost', { column: 'todo', index: 0 })).toBeNull();
  });
});

describe('applyMove', () => {
  it('puts the card between its new neighbours and keeps that order through boardColumns', () => {
    const moved = applyMove(alphaBoard, 't1', { column: 'todo', after_task_id: 't2', before_task_id: 't0' });
    expect(ids(moved, 'todo')).toEqual(['t2', 't1', 't0']);
    expect(ids(moved, 'backlog')).toEqual([]);
    expect(boardColumns(moved)[1].tasks[1].column).toBe('todo');
  });

  it('uses before_task_id alone, and the end of the column without neighbours', () => {
    expect(ids(applyMove(alphaBoard, 't1', { column: 'todo', before_task_id: 't2' }), 'todo')).toEqual(['t1', 't2', 't0']);
    expect(ids(applyMove(alphaBoard, 't2', { column: 'review' }), 'review')).toEqual(['t2']);
    expect(ids(applyMove(alphaBoard, 't2', { column: 'in_progress' }), 'in_progress')).toEqual(['t4', 't2']);
  });

  it('reorders within a column and leaves the input alone', () => {
    const before = JSON.stringify(alphaBoard);
    expect(ids(applyMove(alphaBoard, 't2', { column: 'todo', after_task_id: 't0' }), 'todo')).toEqual(['t0', 't2']);
    expect(JSON.stringify(alphaBoard)).toBe(before);
  });

  it('agrees with planMove for every drop position', () => {
    const columns = cols();
    for (const column of columns) {
      for (let index = 0; index <= column.tasks.length; index++) {
        const move = planMove(columns, 't1', { column: column.id, index });
        if (!move) continue;
        const after = ids(applyMove(alphaBoard, 't1', move), column.id);
        expect(after.indexOf('t1')).toBe(Math.min(index, after.length - 1));
      }
    }
  });
});

describe('filters in the URL', () => {
  it('reads the filters and ignores other parameters', () => {
    const params = new URLSearchParams('q=login&label=auth&task=t2&agent=&status=queued');
    expect(filtersFromParams(params)).toEqual({ q: 'login', label: 'auth', status: 'queued' });
  });

  it('sets and clears one filter, keeping the others', () => {
    const params = new URLSearchParams('q=login&task=t2');
    expect(withFilter(params, 'label', 'auth').toString()).toBe('q=login&task=t2&label=auth');
    expect(withFilter(params, 'q', '  ').toString()).toBe('task=t2');
    expect(params.toString()).toBe('q=login&task=t2');
  });

  it('builds the board request query and the cache key', () => {
    expect(boardQuery({})).toBe('');
    expect(boardQuery({ q: 'a b', label: 'x', agent: '', status: 'running' })).toBe('?q=a+b&label=x&status=running');
    expect(boardKey('p1')).toEqual(['board', 'p1']);
    expect(boardKey('p1', { q: '' })).toEqual(['board', 'p1']);
    expect(boardKey('p1', { q: 'x' })).toEqual(['board', 'p1', { q: 'x' }]);
  });
});
