import { memo, useCallback, useMemo, useState } from 'react';
import { buildRows, rawLine, type LogRow } from './logModel';
import { formatCost, formatDuration, formatTokens } from './format';
import { VirtualLog } from './VirtualLog';
import type { AttemptLog } from './attemptHooks';

const STATE_LABEL: Record<AttemptLog['state'], string> = {
  loading: 'Loading the log…',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Finished',
  error: 'Log unavailable',
};

export function LogsTab({
  log,
  follow,
  onFollowChange,
}: {
  log: AttemptLog;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
}) {
  const [raw, setRaw] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => buildRows(log.messages), [log.messages]);
  const toggle = useCallback((key: string) => {
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  return (
    <div className="attempt-logs">
      <div className="attempt-toolbar" role="toolbar" aria-label="Log view">
        <div className="attempt-segmented" role="group" aria-label="Log format">
          <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)}>
            Events
          </button>
          <button type="button" aria-pressed={raw} onClick={() => setRaw(true)}>
            Raw
          </button>
        </div>
        <label className="attempt-check">
          <input type="checkbox" checked={follow} onChange={(e) => onFollowChange(e.target.checked)} />
          Auto-scroll
        </label>
        <span className={`attempt-stream attempt-stream-${log.state}`} role="status">
          {STATE_LABEL[log.state]}
        </span>
        <span className="attempt-muted">
          {raw ? log.messages.length : rows.length} {raw ? 'lines' : 'entries'}
        </span>
      </div>
      {log.error && (
        <p className="attempt-error" role="alert">
          {log.error}
        </p>
      )}
      {raw ? (
        <VirtualLog
          key="raw"
          label="Raw log"
          className="attempt-raw"
          count={log.messages.length}
          getKey={(i) => log.messages[i].seq}
          renderRow={(i) => <span className="attempt-raw-line">{rawLine(log.messages[i])}</span>}
          estimateSize={20}
          measure={false}
          follow={follow}
          onFollowChange={onFollowChange}
        />
      ) : (
        <VirtualLog
          key="events"
          label="Attempt log"
          count={rows.length}
          getKey={(i) => rows[i].key}
          renderRow={(i) => <LogRowView row={rows[i]} expanded={expanded.has(rows[i].key)} onToggle={toggle} />}
          estimateSize={28}
          measure
          follow={follow}
          onFollowChange={onFollowChange}
        />
      )}
      {rows.length === 0 && log.state !== 'loading' && <p className="attempt-muted">No log messages yet.</p>}
    </div>
  );
}

const time = (ts: string) => (ts ? ts.slice(11, 19) : '');

const CHANGE_LABEL: Record<string, string> = { add: 'added', update: 'modified', delete: 'deleted', rename: 'renamed' };

export const LogRowView = memo(function LogRowView({
  row,
  expanded,
  onToggle,
}: {
  row: LogRow;
  expanded: boolean;
  onToggle: (key: string) => void;
}) {
  const body = (() => {
    switch (row.kind) {
      case 'message':
        return (
          <div className={`log-message log-role-${row.role}`}>
            <span className="log-tag">{row.role === 'assistant' ? 'Agent' : row.role === 'user' ? 'You' : 'System'}</span>
            <div className="log-text">{row.text}</div>
          </div>
        );
      case 'reasoning':
        return (
          <div className="log-reasoning">
            <span className="log-tag">Thinking</span>
            <div className="log-text">{row.text}</div>
          </div>
        );
      case 'command':
      case 'tool': {
        const title = row.kind === 'command' ? `$ ${row.command}` : `${row.name}`;
        const output = row.kind === 'command' ? row.output : row.output ?? row.error;
        const failed =
          row.status === 'failed' || row.status === 'declined' || row.status === 'denied' || (row.kind === 'command' && row.exitCode !== null && row.exitCode !== 0);
        const hasMore = !!output || (row.kind === 'tool' && row.input != null);
        const panelId = `log-out-${row.key}`;
        return (
          <div className={`log-command ${failed ? 'is-failed' : ''}`}>
            <div className="log-command-head">
              <span className="log-tag">{row.kind === 'command' ? 'Command' : 'Tool'}</span>
              <code className="log-command-text">{title}</code>
              {row.status && <span className={`log-pill log-status-${row.status}`}>{row.status}</span>}
              {row.kind === 'command' && row.exitCode !== null && (
                <span className={`log-pill ${row.exitCode === 0 ? 'is-pass' : 'is-fail'}`}>exit {row.exitCode}</span>
              )}
              {hasMore && (
                <button
                  type="button"
                  className="log-toggle"
                  aria-expanded={expanded}
                  aria-controls={panelId}
                  onClick={() => onToggle(row.key)}
                >
                  {expanded ? 'Hide output' : 'Show output'}
                </button>
              )}
            </div>
            {hasMore && expanded && (
              <div id={panelId}>
                {row.kind === 'tool' && row.input != null && (
                  <pre className="log-output">{JSON.stringify(row.input, null, 2)}</pre>
                )}
                {output && <pre className="log-output">{output}</pre>}
              </div>
            )}
          </div>
        );
      }
      case 'file_change':
        return (
          <div className="log-files">
            <span className="log-tag">Files</span>
            <ul className="log-file-list">
              {row.changes.map((c, i) => (
                <li key={i}>
                  <span className={`log-change log-change-${c.kind}`}>{CHANGE_LABEL[c.kind] ?? c.kind}</span>{' '}
                  <code>{c.newPath ? `${c.path} → ${c.newPath}` : c.path}</code>
                </li>
              ))}
            </ul>
          </div>
        );
      case 'todo':
        return (
          <div className="log-todo">
            <span className="log-tag">To-do</span>
            <ul>
              {row.items.map((i, n) => (
                <li key={n} className={i.done ? 'is-done' : undefined}>
                  <span aria-hidden="true">{i.done ? '☑' : '☐'}</span> {i.text}
                  {i.done && <span className="visually-hidden"> (done)</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      case 'usage':
        return (
          <div className="log-usage">
            <span className="log-tag">Usage</span>
            {formatTokens(row.inputTokens)} input · {formatTokens(row.outputTokens)} output tokens
            {row.costUsd !== null && <> · {formatCost(row.costUsd)}</>}
          </div>
        );
      case 'error':
        return (
          <div className={`log-error ${row.fatal ? 'is-fatal' : ''}`}>
            <span className="log-tag">{row.fatal ? 'Error' : 'Warning'}</span>
            <span className="log-text">{row.message}</span>
            {row.detail && <pre className="log-output">{row.detail}</pre>}
          </div>
        );
      case 'done':
        return (
          <div className={`log-done log-done-${row.status}`}>
            <span className="log-tag">Done</span>
            {row.status}
            {row.exitCode !== null && <> · exit {row.exitCode}</>}
            {row.durationMs !== null && <> · {formatDuration(row.durationMs)}</>}
            {row.resultText && <div className="log-text">{row.resultText}</div>}
          </div>
        );
      case 'session':
        return (
          <div className="log-meta">
            <span className="log-tag">Session</span>
            {row.model ?? ''} {row.sessionId && <code>{row.sessionId}</code>}
          </div>
        );
      case 'progress':
        return (
          <div className="log-progress">
            <span className="log-tag">Progress</span>
            <span className="log-phase">{row.phase}</span>
            {row.step !== null && (
              <span className="attempt-muted">
                {' '}
                {row.step}
                {row.total !== null ? `/${row.total}` : ''}
              </span>
            )}{' '}
            {row.message}
          </div>
        );
      case 'status':
        return (
          <div className="log-meta">
            <span className="log-tag">Status</span>
            {row.from ? `${row.from} → ${row.to}` : row.to}
          </div>
        );
      case 'gate':
        return (
          <div className={`log-gate ${row.exitCode === 0 ? 'is-pass' : 'is-fail'}`}>
            <span className="log-tag">Gate</span>
            {row.gate}: {row.exitCode === 0 ? 'passed' : `failed (exit ${row.exitCode})`}
          </div>
        );
      case 'artifact':
        return (
          <div className="log-meta">
            <span className="log-tag">Artifact</span>
            {row.artifactKind} <code>{row.ref}</code>
          </div>
        );
      case 'log':
        return (
          <div className={`log-line log-level-${row.level}`}>
            {row.gate && <span className="log-tag">{row.gate}</span>}
            <span className="log-text">{row.message}</span>
          </div>
        );
      case 'other':
        return (
          <div className="log-meta">
            <span className="log-tag">{row.eventKind}</span>
            <code>{JSON.stringify(row.payload)}</code>
          </div>
        );
    }
  })();
  return (
    <div className={`log-row log-kind-${row.kind}`} data-kind={row.kind}>
      <time className="log-time" dateTime={row.ts}>
        {time(row.ts)}
      </time>
      <div className="log-body">{body}</div>
    </div>
  );
});
