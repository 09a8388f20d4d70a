import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  cancelAttempt,
  controlTask,
  editTask,
  fetchTask,
  markChecklistItem,
  startAttempt,
  steerTask,
  type AgentProfile,
  type BoardColumn,
  type TaskControl,
  type TaskDetail,
} from '../api';
import { humanize, priorityBadge, splitList } from '../board';
import { boardKey, taskKey, useTask } from '../hooks';
import { Field } from '../components/Field';
import { ErrorMessage } from './Dialog';
import { AgentOptions, LabelsAndPriority } from './TaskFields';

/** Attempt states in which an attempt is under way (and can be cancelled). */
export const ACTIVE_ATTEMPT = ['queued', 'running', 'gates_running'];

interface Props {
  taskId: string;
  projectId: string;
  columns: BoardColumn[];
  agents: AgentProfile[];
  onClose: () => void;
}

type Answer = { version?: number };

/** The right-hand drawer of one task: details, checklist, agent, dependencies, attempts and run controls. */
export function TaskDrawer({ taskId, projectId, columns, agents, onClose }: Props) {
  const task = useTask(taskId);
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land in the drawer when it opens.
  useEffect(() => heading.current?.focus(), []);

  /**
   * Send one command; on success read the task back (at the answer's version when the
   * command was the task's own, so we see our write) and refresh the board. On failure
   * the server's message is shown and the forms keep what was typed.
   */
  const send = async (name: string, command: () => Promise<Answer>, ownVersion = true): Promise<boolean> => {
    setBusy(name);
    setError(null);
    try {
      const answer = await command();
      try {
        const fresh = await fetchTask(taskId, ownVersion ? answer.version : undefined);
        queryClient.setQueryData(taskKey(taskId), fresh);
      } catch {
        void queryClient.invalidateQueries({ queryKey: taskKey(taskId) });
      }
      void queryClient.invalidateQueries({ queryKey: boardKey(projectId) });
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <aside
      className="drawer"
      aria-labelledby="drawer-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="drawer-header">
        <h2 id="drawer-title" tabIndex={-1} ref={heading}>{task.data?.title ?? 'Task'}</h2>
        <button type="button" className="dialog-close" aria-label="Close task" onClick={onClose}>
          ×
        </button>
      </header>
      {task.isError && !task.data && <ErrorMessage error={task.error} />}
      {task.isPending && (
        <p className="state" role="status">
          Loading task…
        </p>
      )}
      {task.data && (
        <div className="drawer-body">
          <ErrorMessage error={error} />
          <Details
            key={task.data.task_id}
            task={task.data}
            columnName={columns.find((c) => c.id === task.data.column)?.name}
            busy={busy}
            send={send}
          />
          <Checklist task={task.data} busy={busy} send={send} />
          <Assignment task={task.data} agents={agents} busy={busy} send={send} />
          <Dependencies task={task.data} columns={columns} busy={busy} send={send} />
          <RunControls task={task.data} agents={agents} busy={busy} send={send} />
          <Steer task={task.data} busy={busy} send={send} />
          <Attempts task={task.data} agents={agents} />
        </div>
      )}
    </aside>
  );
}

interface PartProps {
  task: TaskDetail;
  busy: string | null;
  send: (name: string, command: () => Promise<Answer>, ownVersion?: boolean) => Promise<boolean>;
}

function Details({ task, busy, send, columnName }: PartProps & { columnName?: string }) {
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? '');
  const [labels, setLabels] = useState((task.labels ?? []).join(', '));
  const [priority, setPriority] = useState(task.priority === null || task.priority === undefined ? '' : String(task.priority));
  const [invalid, setInvalid] = useState(false);
  const badge = priorityBadge(task.priority);

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const fields: Record<string, unknown> = {};
    if (title.trim() !== task.title) fields.title = title.trim();
    if (description !== (task.description ?? '')) fields.description = description || null;
    const ls = splitList(labels);
    if (ls.join(',') !== (task.labels ?? []).join(',')) fields.labels = ls;
    const p = priority === '' ? null : Number(priority);
    if (p !== (task.priority ?? null)) fields.priority = p;
    if (Object.keys(fields).length === 0) return;
    void send('details', () => editTask(task.task_id, fields));
  };

  return (
    <section className="drawer-section" aria-labelledby="drawer-details">
      <h3 id="drawer-details">Details</h3>
      <p className="drawer-meta">
        {columnName ?? humanize(task.column)} · {humanize(task.status) || 'Idle'}
        {badge && <> · {badge.text}</>}
        {task.last_outcome && <> · last {humanize(task.last_outcome)}</>}
        {task.moxxy?.job_id && (
          <>
            {' '}
            · moxxy job <code>{task.moxxy.job_id}</code> {task.moxxy.status && `(${task.moxxy.status})`}
          </>
        )}
      </p>
      <form className="form" onSubmit={save} noValidate>
        <Field label="Title" error={invalid ? 'A title is required.' : null}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label="Description">
          <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <LabelsAndPriority labels={labels} onLabels={setLabels} priority={priority} onPriority={setPriority} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'details' ? 'Saving…' : 'Save details'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Checklist({ task, busy, send }: PartProps) {
  const [text, setText] = useState('');
  const items = task.checklist ?? (task.acceptance_criteria ?? []).map((t) => ({ text: t, done: false }));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const ok = await send('criterion', () =>
      editTask(task.task_id, { acceptance_criteria: [...items.map((i) => i.text), text.trim()] }),
    );
    if (ok) setText('');
  };
  return (
    <section className="drawer-section" aria-labelledby="drawer-checklist">
      <h3 id="drawer-checklist">
        Acceptance checklist{' '}
        <span className="muted">
          {items.filter((i) => i.done).length}/{items.length}
        </span>
      </h3>
      {items.length > 0 ? (
        <ul className="checklist">
          {items.map((item, index) => (
            <li key={index}>
              <label>
                <input
                  type="checkbox"
                  checked={item.done}
                  disabled={busy !== null}
                  onChange={(e) => void send(`check-${index}`, () => markChecklistItem(task.task_id, index, e.target.checked))}
                />
                {item.text}
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No criteria yet.</p>
      )}
      <form className="inline-form" onSubmit={add}>
        <Field label="New criterion" hideLabel>
          <input placeholder="New criterion" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy !== null || !text.trim()}>
          Add criterion
        </button>
      </form>
    </section>
  );
}

function Assignment({ task, agents, busy, send }: PartProps & { agents: AgentProfile[] }) {
  return (
    <section className="drawer-section" aria-labelledby="drawer-agent">
      <h3 id="drawer-agent">Agent</h3>
      <Field label="Assigned agent profile">
        <select
          value={task.agent_profile_id ?? ''}
          disabled={busy !== null}
          onChange={(e) => void send('agent', () => editTask(task.task_id, { agent_profile_id: e.target.value || null }))}
        >
          <option value="">Unassigned</option>
          <AgentOptions agents={agents} />
          {task.agent_profile_id && !agents.some((a) => a.agent_profile_id === task.agent_profile_id) && (
            <option value={task.agent_profile_id}>{task.agent_name ?? task.agent_profile_id}</option>
          )}
        </select>
      </Field>
    </section>
  );
}

function Dependencies({ task, columns, busy, send }: PartProps & { columns: BoardColumn[] }) {
  const cards = columns.flatMap((c) => c.tasks);
  const titleOf = (id: string) => cards.find((c) => c.task_id === id)?.title ?? id;
  const dependsOn = task.depends_on ?? [];
  const blockedBy = new Set(task.blocked_by ?? []);
  const candidates = cards.filter((c) => c.task_id !== task.task_id && !dependsOn.includes(c.task_id));
  const [choice, setChoice] = useState('');
  return (
    <section className="drawer-section" aria-labelledby="drawer-deps">
      <h3 id="drawer-deps">Dependencies</h3>
      {dependsOn.length > 0 ? (
        <ul className="deps">
          {dependsOn.map((id) => (
            <li key={id}>
              <span>{titleOf(id)}</span>
              {blockedBy.has(id) && <span className="badge blocked">blocking</span>}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove dependency on ${titleOf(id)}`}
                disabled={busy !== null}
                onClick={() => void send('deps', () => editTask(task.task_id, { depends_on: dependsOn.filter((d) => d !== id) }))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Depends on nothing.</p>
      )}
      {candidates.length > 0 && (
        <div className="inline-form">
          <Field label="Add a dependency" hideLabel>
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Add a dependency…</option>
              {candidates.map((c) => (
                <option key={c.task_id} value={c.task_id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            disabled={!choice || busy !== null}
            onClick={async () => {
              if (await send('deps', () => editTask(task.task_id, { depends_on: [...dependsOn, choice] }))) setChoice('');
            }}
          >
            Add
          </button>
        </div>
      )}
    </section>
  );
}

function RunControls({ task, agents, busy, send }: PartProps & { agents: AgentProfile[] }) {
  const [profile, setProfile] = useState(task.agent_profile_id ?? '');
  const current = (task.attempts ?? []).find((a) => ACTIVE_ATTEMPT.includes(a.status));
  const control = (name: TaskControl) => void send(name, () => controlTask(task.task_id, name));
  return (
    <section className="drawer-section" aria-labelledby="drawer-run">
      <h3 id="drawer-run">Run</h3>
      <div className="inline-form">
        <Field label="Agent profile for the run">
          <select value={profile} onChange={(e) => setProfile(e.target.value)}>
            <option value="">Task's default</option>
            <AgentOptions agents={agents} />
          </select>
        </Field>
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() => void send('run', () => startAttempt(task.task_id, profile || null), false)}
        >
          {busy === 'run' ? 'Starting…' : 'Run'}
        </button>
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={!current || busy !== null}
          onClick={() => current && void send('cancel', () => cancelAttempt(current.attempt_id), false)}
        >
          Cancel attempt
        </button>
        <button type="button" disabled={busy !== null} onClick={() => control('pause')}>
          Pause
        </button>
        <button type="button" disabled={busy !== null} onClick={() => control('resume')}>
          Resume
        </button>
        <button type="button" disabled={busy !== null} onClick={() => control('stop')}>
          Stop
        </button>
      </div>
    </section>
  );
}

function Steer({ task, busy, send }: PartProps) {
  const [comment, setComment] = useState('');
  const [patch, setPatch] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (await send('steer', () => steerTask(task.task_id, comment.trim(), patch.trim() || undefined))) {
      setComment('');
      setPatch('');
    }
  };
  return (
    <section className="drawer-section" aria-labelledby="drawer-steer">
      <h3 id="drawer-steer">Steer</h3>
      {(task.steering ?? []).length > 0 && (
        <ol className="steering">
          {task.steering!.map((s) => (
            <li key={s.index}>
              {s.comment}
              {s.prompt_patch && <pre className="prompt-patch">{s.prompt_patch}</pre>}
            </li>
          ))}
        </ol>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Comment" error={invalid ? 'Write a comment for the agent.' : null}>
          <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
        <Field label="Prompt patch (optional)">
          <textarea rows={2} value={patch} onChange={(e) => setPatch(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={busy !== null}>
            {busy === 'steer' ? 'Sending…' : 'Steer'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Attempts({ task, agents }: { task: TaskDetail; agents: AgentProfile[] }) {
  const attempts = task.attempts ?? [];
  const nameOf = (id?: string | null) => agents.find((a) => a.agent_profile_id === id)?.name;
  return (
    <section className="drawer-section" aria-labelledby="drawer-attempts">
      <h3 id="drawer-attempts">Attempts</h3>
      {attempts.length === 0 ? (
        <p className="muted">No attempts yet.</p>
      ) : (
        <ol className="attempts" aria-label="Attempt history, newest first">
          {attempts.map((a, i) => (
            <li key={a.attempt_id}>
              <a href={`#/attempts/${encodeURIComponent(a.attempt_id)}`}>Attempt {attempts.length - i}</a>
              <span className={`badge status status-${a.status.replace(/[^a-z0-9]+/g, '-')}`}>{humanize(a.status)}</span>
              {nameOf(a.agent_profile_id) && <span className="muted">{nameOf(a.agent_profile_id)}</span>}
              {a.created_at && (
                <time className="muted" dateTime={a.created_at}>
                  {new Date(a.created_at).toLocaleString()}
                </time>
              )}
              {a.failure_reason && <p className="muted">{a.failure_reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
