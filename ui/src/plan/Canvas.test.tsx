import './testSetup';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useNodePositions } from './Canvas';
import { elkInput, type Positions } from './model';

const input = elkInput([{ id: 'a' }, { id: 'b' }], [{ id: 'a->b', source: 'a', target: 'b' }]);

describe('useNodePositions', () => {
  it('shows a node under drag where the pointer has it, and hands on where it was dropped', () => {
    const onPlace = vi.fn();
    const placed: Positions = { a: { x: 1, y: 2 }, b: { x: 300, y: 2 } };
    const { result } = renderHook(() => useNodePositions(input, placed, onPlace));
    expect(result.current.positions).toEqual(placed);
    expect(result.current.layoutId).not.toBeNull(); // every node has a place: nothing for ELK to do
    act(() => result.current.move({ type: 'position', id: 'a', position: { x: 50, y: 60 }, dragging: true }));
    expect(result.current.positions.a).toEqual({ x: 50, y: 60 });
    expect(onPlace).not.toHaveBeenCalled();
    act(() => result.current.move({ type: 'position', id: 'a', position: { x: 70, y: 80 }, dragging: false }));
    expect(onPlace).toHaveBeenCalledWith('a', { x: 70, y: 80 });
    // until the place comes back from the owner, the node stands where it was put before
    expect(result.current.positions.a).toEqual({ x: 1, y: 2 });
  });

  it('lays the graph out with ELK when a node has no place, those placed staying where they are', async () => {
    const { result } = renderHook(() => useNodePositions(input, { a: { x: 500, y: 500 } }, vi.fn()));
    await waitFor(() => expect(result.current.layoutId).not.toBeNull());
    expect(result.current.positions.a).toEqual({ x: 500, y: 500 });
    expect(result.current.positions.b).toBeDefined();
  });
});
