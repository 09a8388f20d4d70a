// A run: its DAG with live status colours, counts, agents at work, progress, elapsed time, tokens and cost, and
// its controls (the run's and each task's).
import { useEffect, useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { StreamMessage } from '../attempt/types';
import { planApi, type RunNode } from './api';
import { RunCanvas } from './Canvas';
import { planKeys, useRun, useRunDiagram, useRunStream } from './hooks';
import {
  countsOf,
  formatCost,
  formatElapsed,
  formatTokens,
  nodeControls,
  runControls,
  statusColour,
  statusTextColour,
  tailLines,
  TERMINAL_RUN,
} from './runModel';
import './plan.css';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Elapsed time that keeps counting between refetches while the run is not over. */
function useElapsed(elapsedMs: number | undefined, live: boolean, fetchedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  if (elapsedMs === undefined) return 0;
  return live ? elapsedMs + Math.max(0, now - fetchedAt) : elapsedMs;
}

/** The last lines an attempt at work has logged (nothing before its first line comes in). */
function LogTail({ messages, label }: { messages: StreamMessage[] | undefined; label: string }) {
  const lines = tailLines(messages);
  if (lines.length === 0) return null;
  return (
    <ol className="run-tail" aria-label={label}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ol>
  );
}

export function RunPage({ runId }: { runId: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const run = useRun(runId);
  const diagram = useRunDiagram(runId);
  const { state: stream, tails } = useRunStream(runId);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const status = run.data?.status ?? diagram.data?.status;
  const live = status !== undefined && !TERMINAL_RUN.includes(status);
  const elapsed = useElapsed(run.data?.elapsed_ms, live && status !== 'paused', run.dataUpdatedAt);
  const controls = runControls(status);

  const act = async (label: string, work: () => Promise<unknown>, done: string) => {
    setBusy(label);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      void queryClient.invalidateQueries({ queryKey: planKeys.run(runId) });
      void queryClient.invalidateQueries({ queryKey: planKeys.diagram(runId) });
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  };

  const runAction = (action: 'pause' | 'resume' | 'cancel') => {
    if (action === 'cancel' && !window.confirm('Cancel the run? Its agents at work are stopped.')) return;
    void act(action, () => planApi.runAction(runId, action), `Run ${action === 'cancel' ? 'cancelled' : action === 'pause' ? 'paused' : 'resumed'}.`);
  };
  const taskAction = (node: RunNode, action: 'pause' | 'resume' | 'stop') =>
    void act(`${action}:${node.task_id}`, () => planApi.taskAction(node.task_id, action), `${node.key}: ${action} sent.`);
  const promote = (node: RunNode) =>
    void act(
      `promote:${node.task_id}`,
      () => planApi.promote(node.task_id, node.attempt_id!),
      `${node.key}: attempt queued for merge.`,
    );

  if (run.isError && diagram.isError) {
    return (
      <p role="alert" className="plan-error">
        {message(run.error)}
      </p>
    );
  }
  const data = run.data;
  const nodes = diagram.data?.nodes ?? [];
  const selectedNode = nodes.find((n) => n.task_id === selected) ?? null;

  return (
    <section className="plan-page run-page" aria-labelledby={`${id}-title`}>
      <header className="plan-toolbar">
        <h1 id={`${id}-title`}>Run {runId.slice(0, 8)}</h1>
        {status ? <span className={`plan-status run-status run-status--${status}`}>{status}</span> : null}
        <span className="plan-muted" aria-live="off">
          {stream === 'live' ? 'live' : stream === 'off' ? '' : stream === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
        <button type="button" onClick={() => runAction('pause')} disabled={!controls.pause || busy !== null}>
          Pause run
        </button>
        <button type="button" onClick={() => runAction('resume')} disabled={!controls.resume || busy !== null}>
          Resume run
        </button>
        <button
          type="button"
          className="plan-danger"
          onClick={() => runAction('cancel')}
          disabled={!controls.cancel || busy !== null}
        >
          Cancel run
        </button>
      </header>
      {error ? (
        <div role="alert" className="plan-error plan-banner">
          {error}
        </div>
      ) : null}
      <div role="status" className="plan-notice">
        {notice}
      </div>
      {data?.reason ? <p className="plan-muted">Reason: {data.reason}</p> : null}

      {data ? (
        <div className="run-figures">
          <div className="run-progress">
            <label htmlFor={`${id}-progress`}>
              Progress: {data.progress.done} of {data.progress.total} done ({data.progress.percent}%)
            </label>
            <progress id={`${id}-progress`} max={100} value={data.progress.percent}>
              {data.progress.percent}%
            </progress>
          </div>
          <dl className="run-stats">
            <div>
              <dt>Elapsed</dt>
              <dd>{formatElapsed(elapsed)}</dd>
            </div>
            <div>
              <dt>Running agents</dt>
              <dd>
                {data.running_agents.length}
                {data.options?.max_agents ? ` / ${data.options.max_agents}` : ''}
              </dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd>
                {formatTokens((data.usage?.input_tokens ?? 0) + (data.usage?.output_tokens ?? 0))}
                <span className="plan-muted">
                  {' '}
                  ({formatTokens(data.usage?.input_tokens)} in, {formatTokens(data.usage?.output_tokens)} out)
                </span>
              </dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>{formatCost(data.usage?.cost_usd)}</dd>
            </div>
          </dl>
          <ul className="run-counts" aria-label="Tasks per status">
            {countsOf(data.counts).map(([s, n]) => (
              <li key={s} style={{ background: statusColour(s), color: statusTextColour(s) }}>
                {s}: {n}
              </li>
            ))}
          </ul>
          {data.running_agents.length > 0 ? (
            <p>
              At work:{' '}
              {data.running_agents.map((agent, i) => (
                <span key={agent.task_id}>
                  {i > 0 ? ', ' : ''}
                  {agent.attempt_id ? <a href={`#/attempts/${agent.attempt_id}`}>{agent.key}</a> : agent.key}
                  {agent.paused ? ' (paused)' : ''}
                </span>
              ))}
            </p>
          ) : null}
        </div>
      ) : run.isError ? (
        <p role="alert" className="plan-error">
          {message(run.error)}
        </p>
      ) : (
        <p className="plan-muted">Loading the run…</p>
      )}

      <div className="plan-main">
        <div className="plan-canvas-column">
          {diagram.data ? (
            <RunCanvas diagram={diagram.data} selected={selected} onSelect={setSelected} />
          ) : diagram.isError ? (
            <p role="alert" className="plan-error">
              {message(diagram.error)}
            </p>
          ) : (
            <p className="plan-muted">Loading the diagram…</p>
          )}
        </div>
        <aside className="plan-side" aria-label="Run tasks">
          <h3>Tasks</h3>
          <ul className="plan-list run-nodes" aria-label="Tasks of the run">
            {nodes.map((node) => {
              const c = nodeControls(node, status);
              return (
                <li key={node.task_id} className={node.task_id === selectedNode?.task_id ? 'run-node-item--selected' : undefined}>
                  <span
                    className="run-dot"
                    style={{ background: statusColour(node.status) }}
                    aria-hidden="true"
                  />
                  <button type="button" aria-pressed={selected === node.task_id} onClick={() => setSelected(node.task_id)}>
                    {node.title} <span className="plan-muted">({node.key})</span>
                  </button>
                  <span className="run-node-status" data-testid={`status-${node.key}`}>
                    {node.status}
                  </span>
                  {node.reason ? <span className="plan-muted"> · {node.reason}</span> : null}
                  <span className="run-node-actions">
                    <button
                      type="button"
                      aria-label={`Pause ${node.key}`}
                      disabled={!c.pause || busy !== null}
                      onClick={() => taskAction(node, 'pause')}
                    >
                      Pause
                    </button>
                    <button
                      type="button"
                      aria-label={`Resume ${node.key}`}
                      disabled={!c.resume || busy !== null}
                      onClick={() => taskAction(node, 'resume')}
                    >
                      Resume
                    </button>
                    <button
                      type="button"
                      aria-label={`Stop ${node.key}`}
                      disabled={!c.stop || busy !== null}
                      onClick={() => taskAction(node, 'stop')}
                    >
                      Stop
                    </button>
                    {c.promote ? (
                      <button
                        type="button"
                        aria-label={`Promote ${node.key}'s attempt`}
                        disabled={busy !== null}
                        onClick={() => promote(node)}
                      >
                        Promote
                      </button>
                    ) : null}
                    {c.attempt ? (
                      <a href={`#/attempts/${node.attempt_id}`} aria-label={`Open ${node.key}'s attempt`}>
                        Attempt
                      </a>
                    ) : null}
                  </span>
                  {node.status === 'running' && node.attempt_id ? (
                    <LogTail messages={tails[node.attempt_id]} label={`Latest log of ${node.key}`} />
                  ) : null}
                </li>
              );
            })}
          </ul>
        </aside>
      </div>
    </section>
  );
}
