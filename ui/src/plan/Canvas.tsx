// The React Flow canvases: the plan (editable) and a run's DAG (read-only, coloured by status). Both are laid out by
// ELK, but for the nodes put somewhere by hand (a plan saves their places); each page also lists its nodes as text,
// since the canvas alone is not usable by keyboard or screen reader.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type NodePositionChange,
  type NodeProps,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { EdgeKind, PlanNode, RunDiagram, RunNode } from './api';
import { layout } from './layout';
import {
  canvasEdges,
  LAYER_COLOURS,
  LAYER_LABELS,
  layoutSignature,
  NODE_HEIGHT,
  NODE_WIDTH,
  placed,
  planElkInput,
  type ElkInput,
  type Highlight,
  type PlanDraft,
  type Positions,
} from './model';
import { runElkInput, statusColour, statusTextColour } from './runModel';

/**
 * Where each node of `input` stands: where it was put (`fixed`), else where ELK's layered algorithm puts it. ELK runs
 * only while some node has no place, again when the graph's shape changes; `layoutId` changes with each layout (null
 * before the first).
 */
function useLayout(input: ElkInput, fixed: Positions): { positions: Positions; layoutId: string | null } {
  const signature = layoutSignature(input);
  const complete = input.children.every((child) => fixed[child.id]);
  const [laidOut, setLaidOut] = useState<{ signature: string | null; positions: Positions }>({
    signature: null,
    positions: {},
  });
  useEffect(() => {
    if (complete) {
      setLaidOut({ signature, positions: {} });
      return;
    }
    let cancelled = false;
    layout(input)
      .then((positions) => {
        if (!cancelled) setLaidOut({ signature, positions });
      })
      .catch(() => {
        // a layout that fails leaves the nodes in a grid
        if (!cancelled) {
          const positions: Positions = {};
          input.children.forEach((child, i) => {
            positions[child.id] = { x: (i % 4) * (NODE_WIDTH + 40), y: Math.floor(i / 4) * (NODE_HEIGHT + 40) };
          });
          setLaidOut({ signature, positions });
        }
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature stands for the input
  }, [signature, complete]);
  const positions = useMemo(() => ({ ...laidOut.positions, ...fixed }), [laidOut.positions, fixed]);
  return { positions, layoutId: laidOut.signature };
}

/**
 * The nodes' positions as {@link useLayout} has them, and those being dragged where the pointer has them; a node
 * dropped (or moved by the arrow keys) is handed to `onPlace`. `move` takes React Flow's position changes.
 */
export function useNodePositions(
  input: ElkInput,
  fixed: Positions,
  onPlace: (id: string, at: { x: number; y: number }) => void,
) {
  const { positions, layoutId } = useLayout(input, fixed);
  const [dragged, setDragged] = useState<Positions>({});
  const move = useCallback(
    (change: NodePositionChange) => {
      const at = change.position;
      if (!at) return;
      if (change.dragging) {
        setDragged((d) => ({ ...d, [change.id]: at }));
        return;
      }
      setDragged((d) => Object.fromEntries(Object.entries(d).filter(([id]) => id !== change.id)));
      onPlace(change.id, at);
    },
    [onPlace],
  );
  const shown = useMemo(() => ({ ...positions, ...dragged }), [positions, dragged]);
  return { positions: shown, layoutId, move };
}

/** Fits the view to the nodes each time a new layout comes in. */
function FitOnLayout({ layoutId }: { layoutId: string | null }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (layoutId === null) return;
    const frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 0 }));
    return () => cancelAnimationFrame(frame);
  }, [layoutId, flow]);
  return null;
}

// ---- plan ----

type PlanNodeData = { node: PlanNode; highlighted: boolean };
type PlanFlowNode = Node<PlanNodeData, 'plan'>;

function PlanNodeView({ data, selected }: NodeProps<PlanFlowNode>) {
  const { node, highlighted } = data;
  const colour = LAYER_COLOURS[node.layer];
  return (
    <div
      className={`plan-node${highlighted ? ' plan-node--cycle' : ''}${selected ? ' plan-node--selected' : ''}`}
      style={{ borderColor: colour, width: NODE_WIDTH, minHeight: NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="plan-node__layer" style={{ background: colour }}>
        {LAYER_LABELS[node.layer]}
        {node.mvp ? <span className="plan-node__mvp">MVP</span> : null}
      </div>
      <div className="plan-node__title">{node.title || '(untitled)'}</div>
      <div className="plan-node__key">{node.key}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const planNodeTypes = { plan: PlanNodeView };

export interface PlanCanvasProps {
  draft: PlanDraft;
  highlight: Highlight;
  selected: string | null;
  connectKind: EdgeKind;
  readOnly?: boolean;
  onSelect: (key: string | null) => void;
  onConnect: (source: string, target: string) => void;
  onRemoveNodes: (keys: string[]) => void;
  onRemoveEdges: (ids: string[]) => void;
  /** A node put somewhere by hand. */
  onPlace: (key: string, at: { x: number; y: number }) => void;
}

export function PlanCanvas(props: PlanCanvasProps) {
  const { draft, highlight, selected, onSelect, onConnect, onRemoveNodes, onRemoveEdges, onPlace } = props;
  const input = useMemo(() => planElkInput(draft), [draft]);
  const saved = useMemo(() => placed(draft), [draft]);
  const { positions, layoutId, move } = useNodePositions(input, saved, onPlace);
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());

  const nodes: PlanFlowNode[] = useMemo(
    () =>
      draft.nodes.map((node) => ({
        id: node.key,
        type: 'plan' as const,
        position: positions[node.key] ?? { x: 0, y: 0 },
        data: { node, highlighted: highlight.nodes.has(node.key) },
        selected: node.key === selected,
        ariaLabel: `${LAYER_LABELS[node.layer]} ${node.title} (${node.key})`,
      })),
    [draft.nodes, positions, highlight, selected],
  );
  const edges: Edge[] = useMemo(
    () =>
      canvasEdges(draft).map((edge) => {
        const cycle = highlight.edges.has(edge.id);
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          selected: selectedEdges.has(edge.id),
          animated: cycle,
          className: `plan-edge plan-edge--${edge.kind}${cycle ? ' plan-edge--cycle' : ''}`,
          style: {
            stroke: cycle ? '#dc2626' : edge.kind === 'contains' ? '#6b7280' : '#111827',
            strokeWidth: cycle ? 3 : 1.5,
            strokeDasharray: edge.kind === 'contains' ? '6 4' : undefined,
          },
          markerEnd: edge.kind === 'depends_on' ? { type: MarkerType.ArrowClosed } : undefined,
          ariaLabel:
            edge.kind === 'depends_on'
              ? `${edge.target} depends on ${edge.source}`
              : `${edge.source} contains ${edge.target}`,
        };
      }),
    [draft, highlight, selectedEdges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<PlanFlowNode>[]) => {
      const removed: string[] = [];
      for (const change of changes) {
        if (change.type === 'position') move(change);
        if (change.type === 'select' && change.selected) onSelect(change.id);
        if (change.type === 'remove') removed.push(change.id);
      }
      if (removed.length > 0 && !props.readOnly) onRemoveNodes(removed);
    },
    [move, onSelect, onRemoveNodes, props.readOnly],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed: string[] = [];
      setSelectedEdges((current) => {
        const next = new Set(current);
        for (const change of changes) {
          if (change.type === 'select') {
            if (change.selected) next.add(change.id);
            else next.delete(change.id);
          }
        }
        return next;
      });
      for (const change of changes) if (change.type === 'remove') removed.push(change.id);
      if (removed.length > 0 && !props.readOnly) onRemoveEdges(removed);
    },
    [onRemoveEdges, props.readOnly],
  );
  const connect = useCallback(
    (connection: Connection) => {
      if (connection.source && connection.target && !props.readOnly) onConnect(connection.source, connection.target);
    },
    [onConnect, props.readOnly],
  );

  return (
    <div className="plan-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={planNodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onPaneClick={() => onSelect(null)}
        nodesConnectable={!props.readOnly}
        deleteKeyCode={props.readOnly ? null : ['Delete', 'Backspace']}
        fitView
        minZoom={0.2}
      >
        <Background />
        <Controls showInteractive={false} />
        <FitOnLayout layoutId={layoutId} />
      </ReactFlow>
    </div>
  );
}

// ---- run ----

type RunNodeData = { node: RunNode };
type RunFlowNode = Node<RunNodeData, 'run'>;

function RunNodeView({ data, selected }: NodeProps<RunFlowNode>) {
  const { node } = data;
  return (
    <div
      className={`run-node${selected ? ' run-node--selected' : ''}`}
      data-status={node.status}
      style={{
        background: statusColour(node.status),
        color: statusTextColour(node.status),
        width: NODE_WIDTH,
        minHeight: NODE_HEIGHT,
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="run-node__title">{node.title}</div>
      <div className="run-node__meta">
        {node.key} · {node.status}
        {node.attempts ? ` · attempt ${node.attempts}` : ''}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const runNodeTypes = { run: RunNodeView };

export function RunCanvas({
  diagram,
  selected,
  onSelect,
}: {
  diagram: RunDiagram;
  selected: string | null;
  onSelect: (taskId: string | null) => void;
}) {
  const input = useMemo(() => runElkInput(diagram), [diagram]);
  // a run's nodes may be moved to see better; their places are not kept
  const [placedHere, setPlacedHere] = useState<Positions>({});
  const place = useCallback((id: string, at: { x: number; y: number }) => setPlacedHere((p) => ({ ...p, [id]: at })), []);
  const { positions, layoutId, move } = useNodePositions(input, placedHere, place);
  const nodes: RunFlowNode[] = useMemo(
    () =>
      diagram.nodes.map((node) => ({
        id: node.task_id,
        type: 'run' as const,
        position: positions[node.task_id] ?? { x: 0, y: 0 },
        data: { node },
        selected: node.task_id === selected,
        connectable: false,
        ariaLabel: `${node.title} (${node.key}): ${node.status}`,
      })),
    [diagram.nodes, positions, selected],
  );
  const edges: Edge[] = useMemo(
    () =>
      diagram.edges.map((edge) => ({
        id: `${edge.to}->${edge.from}`,
        source: edge.to,
        target: edge.from,
        markerEnd: { type: MarkerType.ArrowClosed },
        style: { stroke: '#4b5563', strokeWidth: 1.5 },
      })),
    [diagram.edges],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<RunFlowNode>[]) => {
      for (const change of changes) {
        if (change.type === 'position') move(change);
        if (change.type === 'select' && change.selected) onSelect(change.id);
      }
    },
    [move, onSelect],
  );
  return (
    <div className="plan-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={runNodeTypes}
        onNodesChange={onNodesChange}
        onPaneClick={() => onSelect(null)}
        nodesConnectable={false}
        deleteKeyCode={null}
        fitView
        minZoom={0.2}
      >
        <Background />
        <Controls showInteractive={false} />
        <FitOnLayout layoutId={layoutId} />
      </ReactFlow>
    </div>
  );
}
