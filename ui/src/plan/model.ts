// Pure logic of the plan canvas: the draft a person edits, its mapping to the API body and to React Flow's
// nodes and edges, unique keys, cycle highlighting and the ELK layout input.
import type { CompileMode, EdgeKind, Layer, PlanEdge, PlanNode, PlanVersion, SavePlanBody } from './api';
import { LAYERS } from './api';

/** Where nodes stand on the canvas, by key: the top-left corner. */
export type Positions = Record<string, { x: number; y: number }>;

/**
 * What the canvas edits: nodes and edges in the API's terms, and the metadata handed back on save; its `positions`
 * (a {@link Positions}) are where nodes were put by hand.
 */
export interface PlanDraft {
  nodes: PlanNode[];
  edges: PlanEdge[];
  metadata: Record<string, unknown>;
}

export const emptyDraft = (): PlanDraft => ({ nodes: [], edges: [], metadata: {} });

export const LAYER_LABELS: Record<Layer, string> = {
  vision: 'Vision',
  module: 'Module',
  ux: 'UX',
  backend: 'Backend',
  task: 'Task',
};

export const LAYER_COLOURS: Record<Layer, string> = {
  vision: '#7c3aed',
  module: '#2563eb',
  ux: '#db2777',
  backend: '#0d9488',
  task: '#ca8a04',
};

const clean = (text: string | null | undefined) => (text ?? '').trim();

/** A saved version as the canvas edits it (absent optional fields normalised). */
export function draftOf(plan: PlanVersion): PlanDraft {
  return {
    nodes: plan.nodes.map((node) => ({
      key: node.key,
      layer: node.layer,
      title: node.title,
      notes: node.notes ?? '',
      acceptance_criteria: node.acceptance_criteria ?? [],
      mvp: node.mvp ?? false,
      parent: node.parent ?? null,
    })),
    edges: plan.edges.map((edge) => ({ from: edge.from, to: edge.to, kind: edge.kind })),
    metadata: plan.metadata ?? {},
  };
}

/** The body of `POST /projects/{id}/plans`: empty optional fields left out, criteria trimmed. */
export function saveBody(draft: PlanDraft): SavePlanBody {
  const keys = new Set(draft.nodes.map((node) => node.key));
  const positions = Object.fromEntries(Object.entries(placed(draft)).filter(([key]) => keys.has(key)));
  return {
    nodes: draft.nodes.map((node) => {
      const out: PlanNode = { key: node.key, layer: node.layer, title: node.title.trim() };
      const notes = clean(node.notes);
      if (notes) out.notes = notes;
      const criteria = (node.acceptance_criteria ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
      if (criteria.length > 0) out.acceptance_criteria = criteria;
      if (node.mvp) out.mvp = true;
      if (node.parent && keys.has(node.parent)) out.parent = node.parent;
      return out;
    }),
    edges: draft.edges
      .filter((edge) => keys.has(edge.from) && keys.has(edge.to))
      .map((edge) => ({ from: edge.from, to: edge.to, kind: edge.kind })),
    // the places of the nodes still there
    metadata: draft.metadata.positions === undefined ? draft.metadata : { ...draft.metadata, positions },
  };
}

/** Whether two drafts save the same body (so the canvas has unsaved changes or not). */
export function sameDraft(a: PlanDraft, b: PlanDraft): boolean {
  return JSON.stringify(saveBody(a)) === JSON.stringify(saveBody(b));
}

export const KEY_PREFIX: Record<Layer, string> = {
  vision: 'vision',
  module: 'module',
  ux: 'ux',
  backend: 'backend',
  task: 'task',
};

/**
 * A key for a new node of `layer`, unique among `existing`: `<layer>-<n>`, n one above the highest used, so a
 * deleted node's key is not given to another (a compiled task's id follows its key).
 */
export function uniqueKey(layer: Layer, existing: Iterable<string>): string {
  const prefix = `${KEY_PREFIX[layer]}-`;
  const taken = new Set(existing);
  let highest = 0;
  for (const key of taken) {
    if (key.startsWith(prefix)) {
      const n = Number(key.slice(prefix.length));
      if (Number.isInteger(n) && n > highest) highest = n;
    }
  }
  let n = highest + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Splits a textarea's lines into acceptance criteria. */
export function criteriaOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

// ---- editing ----

export function addNode(draft: PlanDraft, node: Omit<PlanNode, 'key'> & { key?: string }): [PlanDraft, string] {
  const key = node.key ?? uniqueKey(node.layer, draft.nodes.map((n) => n.key));
  return [{ ...draft, nodes: [...draft.nodes, { ...node, key }] }, key];
}

export function updateNode(draft: PlanDraft, key: string, change: Partial<Omit<PlanNode, 'key'>>): PlanDraft {
  return { ...draft, nodes: draft.nodes.map((node) => (node.key === key ? { ...node, ...change } : node)) };
}

/** Removes the node, its edges, and the parent link of the nodes it contained. */
export function removeNode(draft: PlanDraft, key: string): PlanDraft {
  return {
    ...draft,
    nodes: draft.nodes
      .filter((node) => node.key !== key)
      .map((node) => (node.parent === key ? { ...node, parent: null } : node)),
    edges: draft.edges.filter((edge) => edge.from !== key && edge.to !== key),
  };
}

/** Adds the edge unless it is a loop or already there. */
export function addEdge(draft: PlanDraft, edge: PlanEdge): PlanDraft {
  if (edge.from === edge.to) return draft;
  if (draft.edges.some((e) => edgeId(e) === edgeId(edge))) return draft;
  return { ...draft, edges: [...draft.edges, edge] };
}

/** Removes an edge by its canvas id (an explicit edge, or a node's `parent` link). */
export function removeEdge(draft: PlanDraft, id: string): PlanDraft {
  const parent = parentOfEdgeId(id);
  if (parent) {
    return updateNode(draft, parent.child, { parent: null });
  }
  return { ...draft, edges: draft.edges.filter((edge) => edgeId(edge) !== id) };
}

/** Where nodes were put by hand (`metadata.positions`), those well formed. */
export function placed(draft: PlanDraft): Positions {
  const saved = draft.metadata.positions;
  const positions: Positions = {};
  if (!saved || typeof saved !== 'object') return positions;
  for (const [key, at] of Object.entries(saved as Record<string, unknown>)) {
    const { x, y } = (at ?? {}) as { x?: unknown; y?: unknown };
    if (typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y)) positions[key] = { x, y };
  }
  return positions;
}

/** The draft with a node put at `at` by hand (whole pixels), to be saved with the plan. */
export function placeNode(draft: PlanDraft, key: string, at: { x: number; y: number }): PlanDraft {
  const positions = { ...placed(draft), [key]: { x: Math.round(at.x), y: Math.round(at.y) } };
  return { ...draft, metadata: { ...draft.metadata, positions } };
}

// ---- canvas mapping ----

export const edgeId = (edge: PlanEdge) => `${edge.kind}:${edge.from}->${edge.to}`;
const parentEdgeId = (parent: string, child: string) => `parent:${parent}->${child}`;
function parentOfEdgeId(id: string): { parent: string; child: string } | null {
  if (!id.startsWith('parent:')) return null;
  const [parent, child] = id.slice('parent:'.length).split('->');
  return { parent, child };
}

/**
 * An edge as the canvas draws it, left to right: a `depends_on` edge from the dependency (`to`) to the node that
 * needs it (`from`); a `contains` edge (or a `parent` link) from the container to what it contains.
 */
export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** A node's `parent` field rather than an edge of the plan. */
  implicit: boolean;
}

export function canvasEdges(draft: PlanDraft): CanvasEdge[] {
  const keys = new Set(draft.nodes.map((node) => node.key));
  const edges: CanvasEdge[] = draft.edges
    .filter((edge) => keys.has(edge.from) && keys.has(edge.to))
    .map((edge) => ({
      id: edgeId(edge),
      source: edge.kind === 'depends_on' ? edge.to : edge.from,
      target: edge.kind === 'depends_on' ? edge.from : edge.to,
      kind: edge.kind,
      implicit: false,
    }));
  for (const node of draft.nodes) {
    if (node.parent && keys.has(node.parent)) {
      const explicit = draft.edges.some((e) => e.kind === 'contains' && e.from === node.parent && e.to === node.key);
      if (!explicit) {
        edges.push({
          id: parentEdgeId(node.parent, node.key),
          source: node.parent,
          target: node.key,
          kind: 'contains',
          implicit: true,
        });
      }
    }
  }
  return edges;
}

/** The plan edge a drag from `source`'s handle to `target`'s makes: the target depends on (or is contained by) the source. */
export function edgeFromConnection(source: string, target: string, kind: EdgeKind): PlanEdge {
  return kind === 'depends_on' ? { from: target, to: source, kind } : { from: source, to: target, kind };
}

// ---- cycles ----

export interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
}

export const noHighlight = (): Highlight => ({ nodes: new Set(), edges: new Set() });

/**
 * What a `CYCLE_DETECTED` answer marks on the canvas: `cycle` lists keys in order, the first again at the end, each
 * depending on (or containing) the next. Every key is marked, and every canvas edge between two consecutive keys.
 */
export function cycleHighlight(cycle: unknown, draft: PlanDraft): Highlight {
  const keys = Array.isArray(cycle) ? cycle.filter((k): k is string => typeof k === 'string') : [];
  const highlight = noHighlight();
  keys.forEach((key) => highlight.nodes.add(key));
  const edges = canvasEdges(draft);
  for (let i = 0; i + 1 < keys.length; i++) {
    const a = keys[i];
    const b = keys[i + 1];
    for (const edge of edges) {
      const dependsAB = edge.kind === 'depends_on' && edge.target === a && edge.source === b;
      const containsEither =
        edge.kind === 'contains' &&
        ((edge.source === a && edge.target === b) || (edge.source === b && edge.target === a));
      if (dependsAB || containsEither) highlight.edges.add(edge.id);
    }
  }
  return highlight;
}

/** The cycle of a `CYCLE_DETECTED` error's details, as "a → b → a". */
export function cycleText(cycle: unknown): string {
  return Array.isArray(cycle) ? cycle.map(String).join(' → ') : '';
}

// ---- layout input ----

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

export interface ElkInput {
  id: string;
  layoutOptions: Record<string, string>;
  children: { id: string; width: number; height: number; layoutOptions?: Record<string, string> }[];
  edges: { id: string; sources: string[]; targets: string[] }[];
}

export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '28',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/**
 * The ELK graph of a canvas: layered, left to right, each node in its layer's partition (vision first, task last)
 * when `partitions` is set, edges as drawn (a dependency left of what needs it, a container left of its content).
 */
export function elkInput(
  nodes: { id: string; partition?: number }[],
  edges: { id: string; source: string; target: string }[],
): ElkInput {
  const ids = new Set(nodes.map((n) => n.id));
  const partitioned = nodes.some((n) => n.partition !== undefined);
  return {
    id: 'root',
    layoutOptions: partitioned ? { ...ELK_OPTIONS, 'elk.partitioning.activate': 'true' } : { ...ELK_OPTIONS },
    children: nodes.map((n) => ({
      id: n.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      ...(n.partition !== undefined ? { layoutOptions: { 'elk.partitioning.partition': String(n.partition) } } : {}),
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** The plan's ELK input: nodes partitioned by layer. */
export function planElkInput(draft: PlanDraft): ElkInput {
  return elkInput(
    draft.nodes.map((node) => ({ id: node.key, partition: LAYERS.indexOf(node.layer) })),
    canvasEdges(draft),
  );
}

/** A stable string of what the layout depends on: it is recomputed only when this changes. */
export function layoutSignature(input: ElkInput): string {
  return JSON.stringify([input.children.map((c) => [c.id, c.layoutOptions]), input.edges.map((e) => e.id)]);
}

export const COMPILE_MODES: CompileMode[] = ['mvp', 'full'];
