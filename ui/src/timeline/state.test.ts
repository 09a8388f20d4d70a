import { describe, expect, it } from 'vitest';
import { timelinePath, timelineStreamPath, boardAsOfPath, type TimelineEvent } from './api';
import { indexAtOrBefore, isoToLocalInput, localInputToIso, mergeEvents, projectOf, readView, writeView } from './state';
import { splitHash } from './useHashQuery';

const event = (position: number, type = 'TaskMovedEvent'): TimelineEvent => ({
  position,
  event_id: `e${position}`,
  type,
  aggregate_type: 'Task',
  aggregate_id: 't1',
  sequence: position,
  timestamp: '2026-05-01T10:00:00Z',
  payload: { project_id: 'p1' },
  metadata: { user: 'alice' },
});

describe('filters and the query string', () => {
  it('reads the view from the hash query and writes it back', () => {
    const params = new URLSearchParams(
      'project_id=p1&aggregate_id=t1&type=TaskMovedEvent&user=alice&after=2026-05-01T08:00:00.000Z&before=40&order=newest&event=e3&at=12&junk=1',
    );
    const view = readView(params);
    expect(view).toEqual({
      filters: {
        project_id: 'p1',
        aggregate_id: 't1',
        type: 'TaskMovedEvent',
        user: 'alice',
        after: '2026-05-01T08:00:00.000Z',
        before: '40',
      },
      order: 'newest',
      event: 'e3',
      at: 12,
    });
    expect(writeView(view).toString()).toBe(
      'project_id=p1&aggregate_id=t1&type=TaskMovedEvent&user=alice&after=2026-05-01T08%3A00%3A00.000Z&before=40&order=newest&event=e3&at=12',
    );
  });

  it('leaves out empty filters, the default order and a bad position', () => {
    const view = readView(new URLSearchParams('project_id=&type=%20&order=store&at=abc'));
    expect(view).toEqual({ filters: {}, order: 'store', event: undefined, at: undefined });
    expect(writeView(view).toString()).toBe('');
  });

  it('maps the filters onto GET /timeline; a page cursor replaces `after`', () => {
    const filters = { project_id: 'p1', type: 'TaskMovedEvent', user: 'alice', after: '5', before: '2026-05-02T00:00:00Z' };
    expect(timelinePath(filters)).toBe(
      '/api/v1/timeline?project_id=p1&type=TaskMovedEvent&user=alice&after=5&before=2026-05-02T00%3A00%3A00Z&limit=200',
    );
    expect(timelinePath(filters, '42', 50)).toBe(
      '/api/v1/timeline?project_id=p1&type=TaskMovedEvent&user=alice&after=42&before=2026-05-02T00%3A00%3A00Z&limit=50',
    );
    expect(timelinePath({})).toBe('/api/v1/timeline?limit=200');
  });

  it('maps the filters onto the stream, which resumes after a position and has no time bounds', () => {
    expect(timelineStreamPath({ aggregate_id: 't1', after: '2026-05-01T00:00:00Z', before: '9' }, 17)).toBe(
      '/api/v1/timeline/stream?aggregate_id=t1&after=17',
    );
    expect(timelineStreamPath({ project_id: 'p 1' }, null)).toBe('/api/v1/timeline/stream?project_id=p+1');
  });

  it('asks for the board as of a position', () => {
    expect(boardAsOfPath('p1', 12)).toBe('/api/v1/projects/p1/board?as_of=12');
  });

  it('converts the time fields between local input values and ISO instants', () => {
    const iso = localInputToIso('2026-05-01T10:30');
    expect(iso).toBe(new Date('2026-05-01T10:30').toISOString());
    expect(isoToLocalInput(iso)).toBe('2026-05-01T10:30');
    expect(localInputToIso('')).toBeUndefined();
    expect(isoToLocalInput('42')).toBe('');
    expect(isoToLocalInput(undefined)).toBe('');
  });

  it('splits a hash route into its path and query', () => {
    expect(splitHash('#/timeline?type=X')).toEqual(['/timeline', 'type=X']);
    expect(splitHash('#/timeline')).toEqual(['/timeline', '']);
    expect(splitHash('')).toEqual(['', '']);
  });
});

describe('merging pages and streamed events', () => {
  it('keeps each position once, in store order', () => {
    const merged = mergeEvents([[event(1), event(2)], [event(2), event(4)]], [event(4), event(3), event(5), event(5)]);
    expect(merged.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
  });

  it('prefers the paged copy of an event', () => {
    const paged = event(2, 'Paged');
    const streamed = event(2, 'Streamed');
    expect(mergeEvents([[paged]], [streamed])[0].type).toBe('Paged');
  });

  it('finds the last stop at or before a position', () => {
    const positions = [3, 7, 9, 20];
    expect(indexAtOrBefore(positions, 9)).toBe(2);
    expect(indexAtOrBefore(positions, 10)).toBe(2);
    expect(indexAtOrBefore(positions, 100)).toBe(3);
    expect(indexAtOrBefore(positions, 1)).toBe(0);
  });

  it('finds the project of an event', () => {
    expect(projectOf(event(1))).toBe('p1');
    expect(projectOf({ ...event(1), payload: {}, aggregate_type: 'Project', aggregate_id: 'p9' })).toBe('p9');
    expect(projectOf({ ...event(1), payload: {}, aggregate_type: 'AgentProfile' })).toBeNull();
  });
});
