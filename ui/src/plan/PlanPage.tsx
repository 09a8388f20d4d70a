// The planning canvas of a project: nodes by layer, dependencies, versions, Compile, Confirm and Run.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';
import {
  LAYERS,
  planApi,
  type CompiledGraph,
  type CompileMode,
  type Confirmed,
  type EdgeKind,
  type PlanVersion,
  type RunOptionsBody,
} from './api';
import { PlanCanvas } from './Canvas';
import { planKeys, useAgents, usePlanProject, usePlanVersion } from './hooks';
import {
  addEdge,
  addNode,
  canvasEdges,
  cycleHighlight,
  cycleText,
  draftOf,
  edgeFromConnection,
  emptyDraft,
  LAYER_COLOURS,
  LAYER_LABELS,
  noHighlight,
  placeNode,
  removeEdge,
  removeNode,
  sameDraft,
  saveBody,
  updateNode,
  type Highlight,
  type PlanDraft,
} from './model';
import { NodeForm, type NodeFields } from './NodeForm';
import { RunDialog } from './RunDialog';
import './plan.css';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const navigateToHash = (hash: string) => {
  window.location.hash = hash;
};

export function PlanPage({
  projectId,
  onNavigate = navigateToHash,
}: {
  projectId: string;
  /** Goes to a hash route (`#/runs/<id>`); the browser's location by default. */
  onNavigate?: (hash: string) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const project = usePlanProject(projectId);
  const [planId, setPlanId] = useState<string | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const plan = usePlanVersion(planId, version);

  const [loaded, setLoaded] = useState<PlanVersion | null>(null);
  const [base, setBase] = useState<PlanDraft>(emptyDraft);
  const [draft, setDraft] = useState<PlanDraft>(emptyDraft);
  const [selected, setSelected] = useState<string | null>(null);
  const [connectKind, setConnectKind] = useState<EdgeKind>('depends_on');
  const [highlight, setHighlight] = useState<Highlight>(noHighlight);
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [mode, setMode] = useState<CompileMode>('full');
  const [compiled, setCompiled] = useState<CompiledGraph | null>(null);
  const [confirmed, setConfirmed] = useState<Confirmed | null>(null);
  const [runOpen, setRunOpen] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const agents = useAgents(runOpen);
  const runs = useQuery({
    queryKey: ['plan-project-runs', projectId],
    queryFn: () => planApi.projectRuns(projectId),
    retry: false,
  });

  // the project's latest plan, once known
  useEffect(() => {
    const latest = project.data?.latest_plan;
    if (latest && planId === null) setPlanId(latest.plan_id);
  }, [project.data, planId]);

  // a version read from the server replaces the canvas when it is another version than the one shown
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const data = plan.data;
    if (!data) return;
    setLoaded(data);
    const at = `${data.plan_id}@${data.plan_version}`;
    if (shown.current !== at) {
      shown.current = at;
      const next = draftOf(data);
      setDraft(next);
      setBase(next);
      setSelected(null);
      setHighlight(noHighlight());
      setCompiled(null);
      setConfirmed(null);
    }
  }, [plan.data]);

  const dirty = !sameDraft(draft, base);
  // a node put somewhere by hand keeps its place in the next version saved
  const place = useCallback((key: string, at: { x: number; y: number }) => setDraft((d) => placeNode(d, key, at)), []);
  const edit = useCallback((change: (d: PlanDraft) => PlanDraft) => {
    setDraft((d) => change(d));
    setHighlight(noHighlight());
  }, []);

  const confirmedGraphId = confirmed?.graph_id ?? loaded?.confirmed_graph_id ?? null;
  const confirmedGraph = useQuery({
    queryKey: ['graph', confirmedGraphId],
    queryFn: () => planApi.graph(confirmedGraphId!),
    enabled: confirmedGraphId !== null && compiled === null && confirmed === null,
    retry: false,
  });
  const shownGraph: CompiledGraph | null = confirmed ?? compiled ?? confirmedGraph.data ?? null;

  const refreshPlan = () => {
    void queryClient.invalidateQueries({ queryKey: planKeys.project(projectId) });
    if (planId) void queryClient.invalidateQueries({ queryKey: ['plan', planId] });
  };

  /** Saves the canvas as the next version; answers that version's number. */
  const save = async (): Promise<{ planId: string; version: number }> => {
    const answer = await planApi.save(projectId, saveBody(draft));
    setBase(draft);
    shown.current = `${answer.plan_id}@${answer.version}`;
    setPlanId(answer.plan_id);
    setVersion(answer.version);
    setLoaded((current) =>
      current
        ? { ...current, plan_id: answer.plan_id, plan_version: answer.version, status: 'draft', confirmed_graph_id: null, graphs: [] }
        : null,
    );
    setCompiled(null);
    setConfirmed(null);
    void queryClient.invalidateQueries({ queryKey: planKeys.project(projectId) });
    return { planId: answer.plan_id, version: answer.version };
  };

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setAlert(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setAlert(message(e));
    } finally {
      setBusy(null);
    }
  };

  const onSave = () =>
    run('save', async () => {
      const saved = await save();
      setNotice(`Saved as version ${saved.version}.`);
    });

  const onCompile = () =>
    run('compile', async () => {
      let target = loaded && planId && !dirty ? { planId, version: loaded.plan_version } : null;
      if (!target) target = await save();
      try {
        const graph = await planApi.compile(target.planId, mode, target.version);
        setCompiled(graph);
        setConfirmed(null);
        setHighlight(noHighlight());
        setNotice(`Compiled version ${graph.plan_version} (${graph.mode}): ${graph.tasks.length} tasks.`);
        refreshPlan();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CYCLE_DETECTED') {
          const cycle = e.details?.cycle;
          setHighlight(cycleHighlight(cycle, draft));
          setCompiled(null);
          throw new Error(`The plan has a dependency cycle: ${cycleText(cycle)}. Its nodes and edges are marked in red.`);
        }
        throw e;
      }
    });

  const onConfirm = () =>
    run('confirm', async () => {
      if (!compiled || !planId) return;
      const answer = await planApi.confirm(planId, compiled.plan_version, compiled.graph_id);
      setConfirmed(answer);
      setNotice(
        `Confirmed version ${answer.plan_version}: ${answer.tasks_on_board} of ${answer.tasks.length} tasks on the board.`,
      );
      refreshPlan();
    });

  const onArchive = () =>
    run('archive', async () => {
      if (!planId || !loaded) return;
      await planApi.archive(planId, loaded.plan_version);
      setNotice(`Version ${loaded.plan_version} archived.`);
      refreshPlan();
    });

  const startRun = async (body: RunOptionsBody) => {
    if (!confirmedGraphId) return;
    setBusy('run');
    setRunError(null);
    try {
      const answer = await planApi.runGraph(confirmedGraphId, body);
      setRunOpen(false);
      onNavigate(`#/runs/${answer.run_id}`);
    } catch (e) {
      setRunError(message(e));
    } finally {
      setBusy(null);
    }
  };

  const pickVersion = (value: string) => {
    if (dirty && !window.confirm('Discard the unsaved changes on the canvas?')) return;
    setVersion(value === '' ? null : Number(value));
  };

  const addFromForm = (fields: NodeFields) => {
    const [next, key] = addNode(draft, fields);
    setDraft(next);
    setHighlight(noHighlight());
    setNotice(`Added ${key}.`);
  };

  const [edgeFrom, setEdgeFrom] = useState('');
  const [edgeTo, setEdgeTo] = useState('');
  const [edgeKind, setEdgeKind] = useState<EdgeKind>('depends_on');

  const selectedNode = draft.nodes.find((n) => n.key === selected) ?? null;
  const containers = draft.nodes.filter((n) => n.layer !== 'task').map((n) => ({ key: n.key, title: n.title }));
  const edges = useMemo(() => canvasEdges(draft), [draft]);
  const titleOf = (key: string) => draft.nodes.find((n) => n.key === key)?.title ?? key;
  const latestVersion = loaded?.latest_version ?? loaded?.plan_version ?? 0;

  if (project.isPending) return <p className="plan-muted">Loading the plan…</p>;
  if (project.isError) return <p role="alert" className="plan-error">{message(project.error)}</p>;

  return (
    <section className="plan-page" aria-labelledby={`${id}-title`}>
      <header className="plan-toolbar">
        <h1 id={`${id}-title`}>Plan · {project.data.name}</h1>
        <label htmlFor={`${id}-version`}>Version</label>
        <select
          id={`${id}-version`}
          value={version === null ? '' : String(version)}
          onChange={(e) => pickVersion(e.target.value)}
          disabled={!planId}
        >
          <option value="">Latest{latestVersion ? ` (v${latestVersion})` : ''}</option>
          {Array.from({ length: latestVersion }, (_, i) => latestVersion - i).map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        {loaded ? (
          <span className={`plan-status plan-status--${loaded.status}`}>
            v{loaded.plan_version} · {loaded.status}
          </span>
        ) : (
          <span className="plan-status">new plan</span>
        )}
        {dirty ? <span className="plan-dirty">unsaved changes</span> : null}
        <button type="button" onClick={onSave} disabled={busy !== null || draft.nodes.length === 0}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <label htmlFor={`${id}-mode`}>Mode</label>
        <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as CompileMode)}>
          <option value="full">Full</option>
          <option value="mvp">MVP</option>
        </select>
        <button type="button" onClick={onCompile} disabled={busy !== null || draft.nodes.length === 0}>
          {busy === 'compile' ? 'Compiling…' : dirty ? 'Save & compile' : 'Compile'}
        </button>
        <button type="button" onClick={onConfirm} disabled={busy !== null || !compiled || dirty}>
          {busy === 'confirm' ? 'Confirming…' : 'Confirm'}
        </button>
        <button
          type="button"
          onClick={() => {
            setRunError(null);
            setRunOpen(true);
          }}
          disabled={busy !== null || !confirmedGraphId}
        >
          Run…
        </button>
        <button
          type="button"
          onClick={onArchive}
          disabled={busy !== null || !loaded || loaded.status === 'archived'}
        >
          Archive version
        </button>
      </header>

      {alert ? (
        <div role="alert" className="plan-error plan-banner">
          {alert}
        </div>
      ) : null}
      <div role="status" className="plan-notice">
        {notice}
      </div>
      {plan.isError ? (
        <div role="alert" className="plan-error plan-banner">
          {message(plan.error)}
        </div>
      ) : null}

      <div className="plan-main">
        <div className="plan-canvas-column">
          <fieldset className="plan-connect">
            <legend>Dragging between handles makes</legend>
            <label>
              <input
                type="radio"
                name={`${id}-connect`}
                checked={connectKind === 'depends_on'}
                onChange={() => setConnectKind('depends_on')}
              />{' '}
              a dependency (right node depends on left)
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-connect`}
                checked={connectKind === 'contains'}
                onChange={() => setConnectKind('contains')}
              />{' '}
              containment (left contains right)
            </label>
          </fieldset>
          <ul className="plan-legend" aria-label="Layers">
            {LAYERS.map((layer) => (
              <li key={layer}>
                <span className="plan-swatch" style={{ background: LAYER_COLOURS[layer] }} /> {LAYER_LABELS[layer]}
              </li>
            ))}
            <li>
              <span className="plan-line" /> depends on
            </li>
            <li>
              <span className="plan-line plan-line--dashed" /> contains
            </li>
          </ul>
          <PlanCanvas
            draft={draft}
            highlight={highlight}
            selected={selected}
            connectKind={connectKind}
            onSelect={setSelected}
            onConnect={(source, target) => edit((d) => addEdge(d, edgeFromConnection(source, target, connectKind)))}
            onRemoveNodes={(keys) => {
              edit((d) => keys.reduce(removeNode, d));
              setSelected(null);
            }}
            onRemoveEdges={(ids) => edit((d) => ids.reduce(removeEdge, d))}
            onPlace={place}
          />
        </div>

        <aside className="plan-side" aria-label="Plan nodes and edges">
          {selectedNode ? (
            <NodeForm
              key={selectedNode.key}
              initial={selectedNode}
              heading={`Edit ${selectedNode.key}`}
              submitLabel="Apply"
              containers={containers}
              onSubmit={(fields) => edit((d) => updateNode(d, selectedNode.key, fields))}
              onCancel={() => setSelected(null)}
              onDelete={() => {
                edit((d) => removeNode(d, selectedNode.key));
                setSelected(null);
              }}
            />
          ) : (
            <NodeForm heading="Add a node" submitLabel="Add node" containers={containers} onSubmit={addFromForm} />
          )}

          <h3>Nodes</h3>
          {draft.nodes.length === 0 ? <p className="plan-muted">No nodes yet: add one above.</p> : null}
          {LAYERS.filter((layer) => draft.nodes.some((n) => n.layer === layer)).map((layer) => (
            <div key={layer}>
              <h4>{LAYER_LABELS[layer]}</h4>
              <ul className="plan-list" aria-label={`${LAYER_LABELS[layer]} nodes`}>
                {draft.nodes
                  .filter((n) => n.layer === layer)
                  .map((n) => (
                    <li key={n.key} className={highlight.nodes.has(n.key) ? 'plan-list--cycle' : undefined}>
                      <button
                        type="button"
                        aria-pressed={selected === n.key}
                        onClick={() => setSelected(selected === n.key ? null : n.key)}
                      >
                        {n.title} <span className="plan-muted">({n.key})</span>
                      </button>
                      {n.mvp ? <span className="plan-badge">MVP</span> : null}
                      {highlight.nodes.has(n.key) ? <span className="plan-badge plan-badge--cycle">in cycle</span> : null}
                    </li>
                  ))}
              </ul>
            </div>
          ))}

          <h3>Edges</h3>
          <form
            className="plan-form plan-edge-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (edgeFrom && edgeTo) edit((d) => addEdge(d, { from: edgeFrom, to: edgeTo, kind: edgeKind }));
            }}
          >
            <label htmlFor={`${id}-from`}>Edge from</label>
            <select id={`${id}-from`} value={edgeFrom} onChange={(e) => setEdgeFrom(e.target.value)}>
              <option value="">(choose)</option>
              {draft.nodes.map((n) => (
                <option key={n.key} value={n.key}>
                  {n.title} ({n.key})
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} value={edgeKind} onChange={(e) => setEdgeKind(e.target.value as EdgeKind)}>
              <option value="depends_on">depends on</option>
              <option value="contains">contains</option>
            </select>
            <label htmlFor={`${id}-to`}>Edge to</label>
            <select id={`${id}-to`} value={edgeTo} onChange={(e) => setEdgeTo(e.target.value)}>
              <option value="">(choose)</option>
              {draft.nodes.map((n) => (
                <option key={n.key} value={n.key}>
                  {n.title} ({n.key})
                </option>
              ))}
            </select>
            <button type="submit" disabled={!edgeFrom || !edgeTo || edgeFrom === edgeTo}>
              Add edge
            </button>
          </form>
          <ul className="plan-list" aria-label="Edges">
            {edges.map((edge) => {
              const text =
                edge.kind === 'depends_on'
                  ? `${titleOf(edge.target)} depends on ${titleOf(edge.source)}`
                  : `${titleOf(edge.source)} contains ${titleOf(edge.target)}`;
              return (
                <li key={edge.id} className={highlight.edges.has(edge.id) ? 'plan-list--cycle' : undefined}>
                  {text}
                  {highlight.edges.has(edge.id) ? <span className="plan-badge plan-badge--cycle">in cycle</span> : null}
                  <button type="button" aria-label={`Remove edge: ${text}`} onClick={() => edit((d) => removeEdge(d, edge.id))}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </aside>
      </div>

      {shownGraph ? (
        <section className="plan-compiled" aria-labelledby={`${id}-tasks`}>
          <h2 id={`${id}-tasks`}>
            Compiled tasks ({shownGraph.mode}, version {shownGraph.plan_version})
            {confirmed ? ` · ${confirmed.tasks_on_board} on the board` : ''}
          </h2>
          <ol className="plan-tasks">
            {shownGraph.tasks.map((task) => (
              <li key={task.task_id}>
                <strong>{task.title}</strong> <span className="plan-muted">({task.key})</span>
                {task.depends_on.length > 0 ? (
                  <span className="plan-muted"> · depends on {task.depends_on.join(', ')}</span>
                ) : null}
                {task.acceptance_criteria.length > 0 ? (
                  <ul>
                    {task.acceptance_criteria.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {runs.data && runs.data.items.length > 0 ? (
        <section className="plan-compiled" aria-labelledby={`${id}-runs`}>
          <h2 id={`${id}-runs`}>Runs</h2>
          <ul className="plan-list">
            {runs.data.items.map((r) => (
              <li key={r.run_id}>
                <a href={`#/runs/${r.run_id}`}>Run {r.run_id.slice(0, 8)}</a>
                <span className={`plan-status run-status run-status--${r.status}`}>{r.status}</span>
                <span className="plan-muted">started {new Date(r.started_at).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {runOpen ? (
        <RunDialog
          defaultBranch={project.data.default_branch || 'main'}
          agents={agents.data?.items}
          agentsError={agents.isError ? message(agents.error) : null}
          busy={busy === 'run'}
          error={runError}
          onRun={(body) => void startRun(body)}
          onClose={() => setRunOpen(false)}
        />
      ) : null}
    </section>
  );
}
