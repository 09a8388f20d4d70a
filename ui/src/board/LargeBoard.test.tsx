import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Board } from '../api';
import { BoardColumns, VIRTUALIZE_FROM } from '../components/BoardView';
import { sameCardView } from '../components/TaskCard';
import { card, DEFAULT_COLUMNS } from '../test/fixtures';
import { fakeBoardLayout } from '../test/server';

const LONG = 300;
const board: Board = {
  project_id: 'p1',
  columns: DEFAULT_COLUMNS.map((c) => ({
    ...c,
    tasks:
      c.id === 'todo'
        ? Array.from({ length: LONG }, (_, i) => card({ task_id: `t${i + 1}`, title: `Card ${i + 1}`, column: 'todo', rank: i }))
        : c.id === 'in_progress'
          ? [card({ task_id: 'x1', title: 'Short column card', column: 'in_progress', rank: 0 })]
          : [],
  })),
};

const column = (name: string) => screen.getByRole('region', { name });
const rendered = (name: string) => within(column(name)).queryAllByRole('heading', { level: 3 }).map((h) => h.textContent);

// jsdom has no layout: each column's scrolling list is 800 px high, a card 100 px.
beforeEach(() => {
  const size = (prop: 'clientHeight' | 'clientWidth' | 'offsetHeight', value: (el: HTMLElement) => number) =>
    vi.spyOn(HTMLElement.prototype, prop, 'get').mockImplementation(function (this: HTMLElement) {
      return value(this);
    });
  size('clientHeight', (el) => (el.classList.contains('cards-scroll') ? 800 : 0));
  size('clientWidth', (el) => (el.classList.contains('cards-scroll') ? 300 : 0));
  size('offsetHeight', (el) => (el.matches('li[data-index]') ? 100 : 0));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a long column', () => {
  it('renders only the cards in view, and those further down when it is scrolled', async () => {
    render(<BoardColumns board={board} projectName="Alpha" onMove={() => {}} />);
    expect(LONG).toBeGreaterThan(VIRTUALIZE_FROM);
    await waitFor(() => expect(rendered('To Do').length).toBeGreaterThan(0));
    expect(within(column('To Do')).getByText(String(LONG))).toBeInTheDocument();
    const first = rendered('To Do');
    expect(first[0]).toBe('Card 1');
    expect(first.length).toBeGreaterThan(3);
    expect(first.length).toBeLessThan(30);
    expect(first).not.toContain(`Card ${LONG}`);
    // A short column renders all its cards.
    expect(rendered('In Progress')).toEqual(['Short column card']);

    // The list keeps the height of all its cards, so the column scrolls to its end.
    const list = column('To Do').querySelector('ol.cards') as HTMLElement;
    expect(parseFloat(list.style.height)).toBeGreaterThanOrEqual(LONG * 100);
  });

  it('moves a card of a long column to the next column with the keyboard', async () => {
    const layout = fakeBoardLayout();
    const onMove = vi.fn();
    render(<BoardColumns board={board} projectName="Alpha" onMove={onMove} />);
    const handle = await screen.findByRole('button', { name: 'Move Card 1' });
    act(() => handle.focus());
    fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    fireEvent.keyDown(document.activeElement ?? document, { code: 'ArrowRight', key: 'ArrowRight' });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    fireEvent.keyDown(document.activeElement ?? document, { code: 'Space', key: ' ' });
    expect(onMove).toHaveBeenCalledTimes(1);
    expect(onMove.mock.calls[0][0]).toMatchObject({ task_id: 't1', column: 'in_progress' });
    // Shown in its new column at once.
    expect(rendered('In Progress')).toContain('Card 1');
    expect(within(column('To Do')).getByText(String(LONG - 1))).toBeInTheDocument();
    layout.mockRestore();
  });
});

describe('sameCardView', () => {
  it('ignores the rank (renumbered by an optimistic move) and nothing else', () => {
    const a = card({ task_id: 't1', title: 'A', column: 'todo', rank: 'a0', labels: ['x'] });
    expect(sameCardView(a, { ...a, rank: 3 })).toBe(true);
    expect(sameCardView(a, { ...a, column: 'done' })).toBe(false);
    expect(sameCardView(a, { ...a, title: 'B' })).toBe(false);
    expect(sameCardView(a, { ...a, labels: ['x'] })).toBe(false);
    expect(sameCardView(a, { ...a, moxxy: { job_id: 'j' } })).toBe(false);
  });
});
