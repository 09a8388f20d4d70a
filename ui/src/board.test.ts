import { describe, expect, it } from 'vitest';
import {
  boardColumns,
  compareRank,
  humanize,
  priorityBadge,
  resolveSelectedProject,
  sortCards,
  totalTasks,
} from './board';
import { alphaBoard, card, projects } from './test/fixtures';

describe('priorityBadge', () => {
  it('formats P0..P4', () => {
    expect([0, 1, 2, 3, 4].map((p) => priorityBadge(p)?.text)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
    expect(priorityBadge(0)).toEqual({ text: 'P0', className: 'priority-p0', title: 'Priority P0 (highest)' });
    expect(priorityBadge(4)?.title).toBe('Priority P4 (lowest)');
  });

  it('has no badge for a missing or invalid priority', () => {
    expect(priorityBadge(null)).toBeNull();
    expect(priorityBadge(undefined)).toBeNull();
    expect(priorityBadge(5)).toBeNull();
    expect(priorityBadge(-1)).toBeNull();
    expect(priorityBadge(1.5)).toBeNull();
  });
});

describe('compareRank / sortCards', () => {
  it('orders numeric ranks numerically, not as text', () => {
    expect(compareRank(9, 10)).toBeLessThan(0);
    const sorted = sortCards([
      card({ task_id: 'a', title: 'A', column: 'todo', rank: 10 }),
      card({ task_id: 'b', title: 'B', column: 'todo', rank: 9 }),
      card({ task_id: 'c', title: 'C', column: 'todo', rank: 100 }),
    ]);
    expect(sorted.map((c) => c.task_id)).toEqual(['b', 'a', 'c']);
  });

  it('orders string ranks lexicographically and puts missing ranks last', () => {
    const sorted = sortCards([
      card({ task_id: 'x', title: 'X', column: 'todo', rank: null }),
      card({ task_id: 'y', title: 'Y', column: 'todo', rank: '0|hzzzzz:' }),
      card({ task_id: 'z', title: 'Z', column: 'todo', rank: '0|hzzzzr:' }),
    ]);
    expect(sorted.map((c) => c.task_id)).toEqual(['z', 'y', 'x']);
  });

  it('breaks ties by task id and does not mutate its input', () => {
    const input = [
      card({ task_id: 'b', title: 'B', column: 'todo', rank: 1 }),
      card({ task_id: 'a', title: 'A', column: 'todo', rank: 1 }),
    ];
    expect(sortCards(input).map((c) => c.task_id)).toEqual(['a', 'b']);
    expect(input.map((c) => c.task_id)).toEqual(['b', 'a']);
  });
});

describe('boardColumns', () => {
  it('keeps column order and sorts each column by rank', () => {
    const columns = boardColumns(alphaBoard);
    expect(columns.map((c) => c.id)).toEqual(['backlog', 'todo', 'in_progress', 'review', 'done']);
    expect(columns[1].tasks.map((t) => t.task_id)).toEqual(['t2', 't0']);
  });

  it('moves a card listed under the wrong column to the column it names', () => {
    const columns = boardColumns({
      project_id: 'p',
      columns: [
        { id: 'todo', name: 'To Do', tasks: [card({ task_id: 'm', title: 'Moved', column: 'done' })] },
        { id: 'done', name: 'Done', tasks: [] },
      ],
    });
    expect(columns[0].tasks).toEqual([]);
    expect(columns[1].tasks.map((t) => t.task_id)).toEqual(['m']);
  });

  it('keeps a card whose column is unknown where the server put it', () => {
    const columns = boardColumns({
      project_id: 'p',
      columns: [{ id: 'todo', name: 'To Do', tasks: [card({ task_id: 'u', title: 'U', column: 'nowhere' })] }],
    });
    expect(columns[0].tasks.map((t) => t.task_id)).toEqual(['u']);
  });
});

describe('small formatters', () => {
  it('humanizes snake_case values', () => {
    expect(humanize('in_progress')).toBe('In progress');
    expect(humanize('tests_failed')).toBe('Tests failed');
    expect(humanize(null)).toBe('');
  });

  it('adds up the task counts of a project', () => {
    expect(totalTasks(projects.items[0])).toBe(4);
    expect(totalTasks({})).toBe(0);
  });
});

describe('resolveSelectedProject', () => {
  it('uses the project asked for in the URL', () => {
    expect(resolveSelectedProject(projects.items, 'p2')).toBe('p2');
  });

  it('defaults to the first project that is not archived', () => {
    expect(resolveSelectedProject(projects.items, null)).toBe('p1');
    const [a, b] = projects.items;
    expect(resolveSelectedProject([{ ...a, archived: true }, b], null)).toBe('p2');
    expect(resolveSelectedProject([{ ...a, archived: true }], null)).toBe('p1');
  });

  it('is null when there are no projects', () => {
    expect(resolveSelectedProject([], null)).toBeNull();
  });
});
