import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchAgentProfile } from './attemptApi';
import './attempt.css';
import { ActionBar, ChatBox } from './Actions';
import { DiffTab } from './DiffTab';
import { GatesTab } from './GatesTab';
import { LogsTab } from './LogsTab';
import { SummaryTab } from './SummaryTab';
import { TabPanel, Tabs, type TabDef } from './Tabs';
import { TERMINAL, useAttempt, useAttemptLog } from './attemptHooks';
import {
  elapsed,
  formatCost,
  formatDuration,
  formatTime,
  formatTokens,
  shortId,
  shortSha,
  statusLabel,
} from './format';
import type { Attempt } from './types';
import { lastStatus } from './logModel';

export type AttemptTab = 'logs' | 'diff' | 'gates' | 'summary';

export const attemptHref = (attemptId: string) => `#/attempts/${encodeURIComponent(attemptId)}`;
export const taskHref = (projectId: string, taskId: string) =>
  `#/p/${encodeURIComponent(projectId)}?task=${encodeURIComponent(taskId)}`;

const defaultNavigate = (attemptId: string) => {
  window.location.hash = attemptHref(attemptId).slice(1);
};

export interface AttemptPageProps {
  attemptId: string;
  /** Opens another attempt (after Request changes or a chat message); default: `#/attempts/<id>`. */
  onNavigate?: (attemptId: string) => void;
  initialTab?: AttemptTab;
}

export function AttemptPage({ attemptId, onNavigate = defaultNavigate, initialTab }: AttemptPageProps) {
  const [streamedStatus, setStreamedStatus] = useState<string>();
  const attempt = useAttempt(attemptId, streamedStatus);
  const status = attempt.data?.status;
  const log = useAttemptLog(attemptId, status === undefined ? null : !TERMINAL.has(status));
  useEffect(() => setStreamedStatus(lastStatus(log.messages)), [log.messages]);
  const [tab, setTab] = useState<AttemptTab>(initialTab ?? 'logs');
  const [follow, setFollow] = useState(true);
  const [feedback, setFeedback] = useState('');
  const [feedbackOpen, setFeedbackOpen] = useState(false);
  const feedbackRef = useRef<HTMLTextAreaElement | null>(null);
  const idPrefix = useId().replace(/:/g, '');

  // Another attempt in the same view (navigation): start from its first tab, with no half-written feedback.
  useEffect(() => {
    setTab(initialTab ?? 'logs');
    setFeedback('');
    setFeedbackOpen(false);
  }, [attemptId, initialTab]);

  const resolveWithAgent = useCallback((files: string[]) => {
    setFeedback(
      (f) =>
        f ||
        `Merging into the base branch conflicts${files.length ? ` in ${files.join(', ')}` : ''}. ` +
          'Merge the base branch into this branch, resolve the conflicts keeping both changes, and make the gates pass.',
    );
    setFeedbackOpen(true);
    setTimeout(() => feedbackRef.current?.focus(), 0);
  }, []);

  if (attempt.isPending) {
    return (
      <section className="attempt-page" aria-busy="true">
        <p className="attempt-muted">Loading attempt…</p>
      </section>
    );
  }
  if (attempt.isError) {
    return (
      <section className="attempt-page">
        <p className="attempt-error" role="alert">
          {attempt.error.message}
        </p>
        <button type="button" onClick={() => void attempt.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  const a = attempt.data;
  const conflict = a.merge?.conflict;
  const tabs: TabDef<AttemptTab>[] = [
    { id: 'logs', label: 'Logs' },
    {
      id: 'diff',
      label: (
        <>
          Diff{a.diff_stat ? <> <span className="attempt-tab-count">{a.diff_stat.files}</span></> : null}
        </>
      ),
    },
    {
      id: 'gates',
      label: (
        <>
          Gates
          {a.gates.length > 0 && (
            <>
              {' '}
              <span className={`attempt-tab-count ${a.gates.some((g) => g.exit_code !== 0) ? 'is-fail' : 'is-pass'}`}>
                {a.gates.filter((g) => g.exit_code === 0).length}/{a.gates.length}
              </span>
            </>
          )}
        </>
      ),
    },
    {
      id: 'summary',
      label: (
        <>
          Summary
          {conflict ? (
            <>
              {' '}
              <span className="attempt-tab-count is-fail" aria-label="merge conflict">
                !
              </span>
            </>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <section className="attempt-page" aria-labelledby={`${idPrefix}-title`}>
      <AttemptHeader attempt={a} titleId={`${idPrefix}-title`} />
      {conflict && tab !== 'summary' && (
        <p className="attempt-conflict-banner" role="status">
          The merge conflicted{conflict.files?.length ? ` in ${conflict.files.join(', ')}` : ''}.{' '}
          <button type="button" className="attempt-link" onClick={() => setTab('summary')}>
            See what to do
          </button>
        </p>
      )}
      <ActionBar
        attempt={a}
        onNavigate={onNavigate}
        feedback={feedback}
        setFeedback={setFeedback}
        feedbackOpen={feedbackOpen}
        setFeedbackOpen={setFeedbackOpen}
        feedbackRef={feedbackRef}
      />
      <Tabs idPrefix={idPrefix} label="Attempt details" tabs={tabs} selected={tab} onSelect={setTab} />
      <TabPanel idPrefix={idPrefix} id={tab}>
        {tab === 'logs' && <LogsTab log={log} follow={follow} onFollowChange={setFollow} />}
        {tab === 'diff' && <DiffTab attemptId={a.attempt_id} headCommit={a.head_commit} />}
        {tab === 'gates' && <GatesTab gates={a.gates} messages={log.messages} status={a.status} />}
        {tab === 'summary' && (
          <SummaryTab attempt={a} onResolveWithAgent={resolveWithAgent} onOpenAttempt={attemptHref} />
        )}
      </TabPanel>
      <ChatBox attempt={a} onNavigate={onNavigate} />
    </section>
  );
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function AttemptHeader({ attempt: a, titleId }: { attempt: Attempt; titleId: string }) {
  const running = !!a.started_at && !a.finished_at && !TERMINAL.has(a.status);
  const now = useNow(running);
  const took = elapsed(a.started_at, a.finished_at, now);
  // The attempt names its agent profile by id; show the profile's name (and model) when it can be read.
  const profile = useQuery({
    queryKey: ['agent-profile', a.agent_profile_id],
    queryFn: ({ signal }) => fetchAgentProfile(a.agent_profile_id!, signal),
    enabled: !a.agent_name && !!a.agent_profile_id,
    retry: false,
    staleTime: 60_000,
  });
  const agentName =
    a.agent_name ??
    (profile.data?.name
      ? `${profile.data.name}${profile.data.model ? ` (${profile.data.model})` : ''}`
      : a.agent_profile_id
        ? shortId(a.agent_profile_id)
        : 'default');
  return (
    <header className="attempt-header">
      <div className="attempt-title-row">
        <h1 id={titleId}>
          Attempt <code title={a.attempt_id}>{shortId(a.attempt_id)}</code>
        </h1>
        <span className={`attempt-status attempt-status-${a.status}`} aria-label={`Status: ${statusLabel(a.status)}`}>
          {statusLabel(a.status)}
        </span>
        <a className="attempt-task-link" href={taskHref(a.project_id, a.task_id)}>
          Open task
        </a>
      </div>
      <dl className="attempt-facts">
        <div>
          <dt>Agent</dt>
          <dd>{agentName}</dd>
        </div>
        <div>
          <dt>Branch</dt>
          <dd>
            <code>{a.branch ?? '—'}</code>
          </dd>
        </div>
        <div>
          <dt>Base</dt>
          <dd>
            <code>{a.base_branch ?? '—'}</code>
            {a.base_commit && <span className="attempt-muted"> @ {shortSha(a.base_commit)}</span>}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatTime(a.created_at)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTime(a.started_at)}</dd>
        </div>
        <div>
          <dt>{a.finished_at ? 'Took' : 'Running for'}</dt>
          <dd>{formatDuration(took)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {formatTokens(a.usage?.input_tokens)} in · {formatTokens(a.usage?.output_tokens)} out
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatCost(a.usage?.cost_usd)}</dd>
        </div>
      </dl>
    </header>
  );
}
