import { describe, expect, it } from 'vitest';
import { layout } from './layout';
import {
  addEdge,
  addNode,
  canvasEdges,
  cycleHighlight,
  cycleText,
  draftOf,
  edgeFromConnection,
  placed,
  placeNode,
  planElkInput,
  removeEdge,
  removeNode,
  sameDraft,
  saveBody,
  uniqueKey,
  type PlanDraft,
} from './model';
import { samplePlan } from './testData';

describe('plan ↔ canvas mapping', () => {
  it('reads a saved version and gives back the same body', () => {
    const draft = draftOf(samplePlan);
    expect(saveBody(draft)).toEqual({
      nodes: samplePlan.nodes,
      edges: samplePlan.edges,
      metadata: { zoom: 1.5 },
    });
  });

  it('leaves empty optional fields out and trims criteria', () => {
    const draft: PlanDraft = {
      nodes: [
        { key: 'task-1', layer: 'task', title: ' Login ', notes: '  ', acceptance_criteria: [' works ', ''], mvp: false, parent: 'gone' },
      ],
      edges: [{ from: 'task-1', to: 'gone', kind: 'depends_on' }],
      metadata: {},
    };
    expect(saveBody(draft)).toEqual({
      nodes: [{ key: 'task-1', layer: 'task', title: 'Login', acceptance_criteria: ['works'] }],
      edges: [],
      metadata: {},
    });
  });

  it('draws a dependency from what is needed to what needs it, and containment from the container', () => {
    const edges = canvasEdges(draftOf(samplePlan));
    expect(edges).toContainEqual({ id: 'depends_on:a2->a1', source: 'a1', target: 'a2', kind: 'depends_on', implicit: false });
    expect(edges).toContainEqual({ id: 'parent:auth->a1', source: 'auth', target: 'a1', kind: 'contains', implicit: true });
    expect(edges).toContainEqual({ id: 'contains:vision->shop', source: 'vision', target: 'shop', kind: 'contains', implicit: false });
  });

  it('turns a drag between handles into a plan edge', () => {
    expect(edgeFromConnection('a1', 'a2', 'depends_on')).toEqual({ from: 'a2', to: 'a1', kind: 'depends_on' });
    expect(edgeFromConnection('auth', 'a1', 'contains')).toEqual({ from: 'auth', to: 'a1', kind: 'contains' });
  });

  it('adds, removes nodes and edges; a removed node takes its edges and parent links along', () => {
    let draft = draftOf(samplePlan);
    draft = addEdge(draft, { from: 'a1', to: 'a1', kind: 'depends_on' });
    draft = addEdge(draft, { from: 'a2', to: 'a1', kind: 'depends_on' });
    expect(draft.edges).toHaveLength(samplePlan.edges.length);
    draft = removeNode(draft, 'auth');
    expect(draft.nodes.find((n) => n.key === 'a1')?.parent).toBeNull();
    expect(draft.edges.some((e) => e.from === 'auth' || e.to === 'auth')).toBe(false);
    draft = removeEdge(draft, 'depends_on:a2->a1');
    expect(draft.edges.some((e) => e.from === 'a2' && e.to === 'a1')).toBe(false);
    draft = removeEdge(draft, 'parent:shop->s1');
    expect(draft.nodes.find((n) => n.key === 's1')?.parent).toBeNull();
    expect(sameDraft(draft, draftOf(samplePlan))).toBe(false);
    expect(sameDraft(draftOf(samplePlan), draftOf(samplePlan))).toBe(true);
  });
});

describe('unique keys', () => {
  it('numbers keys per layer, one above the highest used, never reusing one', () => {
    expect(uniqueKey('task', [])).toBe('task-1');
    expect(uniqueKey('task', ['task-1', 'task-3', 'module-7'])).toBe('task-4');
    expect(uniqueKey('module', ['task-1', 'module-7'])).toBe('module-8');
    expect(uniqueKey('ux', ['ux-x', 'ux-1'])).toBe('ux-2');
    let draft: PlanDraft = { nodes: [], edges: [], metadata: {} };
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [next, key] = addNode(draft, { layer: 'backend', title: `B${i}` });
      draft = next;
      keys.push(key);
    }
    expect(new Set(keys).size).toBe(5);
    expect(keys[4]).toBe('backend-5');
  });
});

describe('ELK layout', () => {
  it('builds a layered left-to-right graph partitioned by layer, with the edges as drawn', () => {
    const input = planElkInput(draftOf(samplePlan));
    expect(input.layoutOptions['elk.algorithm']).toBe('layered');
    expect(input.layoutOptions['elk.direction']).toBe('RIGHT');
    expect(input.layoutOptions['elk.partitioning.activate']).toBe('true');
    const partition = (id: string) => input.children.find((c) => c.id === id)?.layoutOptions?.['elk.partitioning.partition'];
    expect(partition('vision')).toBe('0');
    expect(partition('auth')).toBe('1');
    expect(partition('a1')).toBe('4');
    expect(input.edges).toContainEqual({ id: 'depends_on:a2->a1', sources: ['a1'], targets: ['a2'] });
    expect(input.children.every((c) => c.width > 0 && c.height > 0)).toBe(true);
  });

  it('places a dependency left of what needs it', async () => {
    const positions = await layout(planElkInput(draftOf(samplePlan)));
    expect(positions.a1.x).toBeLessThan(positions.a2.x);
    expect(positions.a2.x).toBeLessThan(positions.a4.x);
    expect(positions.vision.x).toBeLessThan(positions.auth.x);
  });
});

describe('cycle highlighting', () => {
  it('marks the keys of details.cycle and the edges between consecutive keys', () => {
    let draft = draftOf(samplePlan);
    draft = addEdge(draft, { from: 'a1', to: 's4', kind: 'depends_on' });
    const cycle = ['a1', 's4', 's2', 's1', 'a2', 'a1'];
    const h = cycleHighlight(cycle, draft);
    expect([...h.nodes].sort()).toEqual(['a1', 'a2', 's1', 's2', 's4']);
    expect([...h.edges].sort()).toEqual(
      ['depends_on:a1->s4', 'depends_on:s4->s2', 'depends_on:s2->s1', 'depends_on:s1->a2', 'depends_on:a2->a1'].sort(),
    );
    expect(h.edges.has('depends_on:a3->a1')).toBe(false);
    expect(cycleText(cycle)).toBe('a1 → s4 → s2 → s1 → a2 → a1');
  });

  it('marks a containment cycle, and ignores details that are not a list', () => {
    const draft: PlanDraft = {
      nodes: [
        { key: 'm1', layer: 'module', title: 'M1', parent: 'm2' },
        { key: 'm2', layer: 'module', title: 'M2' },
      ],
      edges: [{ from: 'm1', to: 'm2', kind: 'contains' }],
      metadata: {},
    };
    const h = cycleHighlight(['m1', 'm2', 'm1'], draft);
    expect([...h.edges].sort()).toEqual(['contains:m1->m2', 'parent:m2->m1']);
    expect(cycleHighlight(undefined, draft).nodes.size).toBe(0);
  });
});

describe('node positions', () => {
  it('keeps the well formed places of metadata.positions', () => {
    const draft = draftOf({
      ...samplePlan,
      metadata: { zoom: 1.5, positions: { a1: { x: 10, y: 20 }, a2: { x: 'left', y: 0 }, a3: null, a4: { x: 1 } } },
    });
    expect(placed(draft)).toEqual({ a1: { x: 10, y: 20 } });
    expect(placed(draftOf(samplePlan))).toEqual({});
  });

  it('puts a node somewhere in whole pixels, an unsaved change saved with the other metadata', () => {
    const draft = draftOf(samplePlan);
    const moved = placeNode(placeNode(draft, 'a1', { x: 10.4, y: -3.6 }), 'a2', { x: 5, y: 5 });
    expect(placed(moved)).toEqual({ a1: { x: 10, y: -4 }, a2: { x: 5, y: 5 } });
    expect(sameDraft(moved, draft)).toBe(false);
    expect(saveBody(moved).metadata).toEqual({ zoom: 1.5, positions: { a1: { x: 10, y: -4 }, a2: { x: 5, y: 5 } } });
  });

  it('saves no place for a node that is gone', () => {
    const moved = removeNode(placeNode(placeNode(draftOf(samplePlan), 'a1', { x: 1, y: 2 }), 'a4', { x: 3, y: 4 }), 'a4');
    expect(saveBody(moved).metadata?.positions).toEqual({ a1: { x: 1, y: 2 } });
  });
});
