import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';
import { call, paths, type Items, type MoxxyConnection, type MoxxyJob } from './api';
import { Field, SelectField } from '../components/Field';
import { ErrorText } from './ErrorText';
import { InlineForm } from './InlineForm';
import { Templates } from './Templates';

const CONNECTION = ['settings', 'moxxy', 'connection'] as const;

/** The moxxy connection (its token write-only), and once connected its agents, vault, templates and jobs. */
export function MoxxySettings({ projectId }: { projectId: string | null }) {
  const connection = useQuery({
    queryKey: CONNECTION,
    queryFn: async () => {
      try {
        return await call<MoxxyConnection>('GET', paths.connection);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
  return (
    <section aria-labelledby="moxxy-heading">
      <h2 id="moxxy-heading">moxxy</h2>
      {connection.isError && <ErrorText error={connection.error} />}
      {connection.isSuccess && <ConnectionForm connection={connection.data} />}
      {connection.data && <MoxxyAgents />}
      {connection.data && projectId && <MoxxyJobs projectId={projectId} />}
    </section>
  );
}

/** Connects (PUT), checks again, disconnects. The token field is never filled from the server: it has no token to give. */
export function ConnectionForm({ connection }: { connection: MoxxyConnection | null }) {
  const client = useQueryClient();
  const [baseUrl, setBaseUrl] = useState(connection?.base_url ?? 'http://127.0.0.1:17890');
  const [tokenKind, setTokenKind] = useState(connection?.token_kind ?? 'bearer');
  const [token, setToken] = useState('');
  // Once the server's read model has the change (min_version), everything read from moxxy is read anew.
  const settled = async (answer: { version: number }) =>
    call<MoxxyConnection>('GET', `${paths.connection}?min_version=${answer.version}`);
  const refresh = (now: MoxxyConnection | null) => {
    client.setQueryData(CONNECTION, now);
    return client.invalidateQueries({ queryKey: ['settings', 'moxxy'], predicate: (q) => q.queryKey[2] !== 'connection' });
  };
  const connect = useMutation({
    mutationFn: async () =>
      settled(
        await call<{ version: number }>(
          'PUT',
          paths.connection,
          token ? { base_url: baseUrl, token, token_kind: tokenKind } : { base_url: baseUrl },
        ),
      ),
    onSuccess: (now) => {
      setToken('');
      return refresh(now);
    },
  });
  const verify = useMutation({
    mutationFn: async () => settled(await call<{ version: number }>('POST', paths.verify)),
    onSuccess: refresh,
  });
  const disconnect = useMutation({ mutationFn: () => call('DELETE', paths.connection), onSuccess: () => refresh(null) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate();
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="moxxy connection">
      {connection && (
        <p role="status" className={`connection-${connection.status}`}>
          {connection.status === 'connected' ? 'Connected to' : 'Failing:'} {connection.base_url}
          {connection.token_kind ? ` (${connection.token_kind} token)` : ' (no token)'}
          {connection.problem ? ` — ${connection.problem}` : ''}
        </p>
      )}
      <Field label="Base URL">
        <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required />
      </Field>
      <Field label="Token kind">
        <select value={tokenKind} onChange={(e) => setTokenKind(e.target.value)}>
          <option value="bearer">bearer (an API token of moxxy)</option>
          <option value="internal">internal</option>
        </select>
      </Field>
      <Field label="Token (write-only; leave empty for a loopback moxxy without tokens)">
        <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      </Field>
      <div className="settings-actions">
        <button type="submit" disabled={connect.isPending}>
          {connection ? 'Connect again' : 'Connect'}
        </button>
        {connection && (
          <>
            <button type="button" onClick={() => verify.mutate()}>
              Check
            </button>
            <button type="button" onClick={() => disconnect.mutate()}>
              Disconnect
            </button>
          </>
        )}
      </div>
      {[connect, verify, disconnect].map((m, i) => m.isError && <ErrorText key={i} error={m.error} />)}
    </form>
  );
}

const AGENTS = ['settings', 'moxxy', 'agents'] as const;

/** moxxy's agents: create, restart, delete; a vault key set on one (the value goes to moxxy only). */
export function MoxxyAgents() {
  const client = useQueryClient();
  const agents = useQuery({ queryKey: AGENTS, queryFn: () => call<Items<string>>('GET', paths.moxxyAgents) });
  const refresh = () => client.invalidateQueries({ queryKey: AGENTS });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => call('POST', paths.moxxyAgents, { name, description }),
    onSuccess: () => {
      setName('');
      setDescription('');
      refresh();
    },
  });
  const act = useMutation({
    mutationFn: ({ agent, action }: { agent: string; action: 'restart' | 'delete' }) =>
      action === 'restart' ? call('POST', paths.restart(agent)) : call('DELETE', paths.moxxyAgent(agent)),
    onSuccess: refresh,
  });
  return (
    <div>
      <h3>Agents</h3>
      {agents.isError && <ErrorText error={agents.error} />}
      {act.isError && <ErrorText error={act.error} />}
      <ul className="settings-list">
        {agents.data?.items.map((agent) => (
          <li key={agent}>
            <strong>{agent}</strong>
            <button type="button" onClick={() => act.mutate({ agent, action: 'restart' })} aria-label={`Restart ${agent}`}>
              Restart
            </button>
            <button type="button" onClick={() => act.mutate({ agent, action: 'delete' })} aria-label={`Delete ${agent}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <InlineForm label="New moxxy agent" submit="Create agent" action={create}>
        <Field label="Name">
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Field label="Description">
          <input value={description} onChange={(e) => setDescription(e.target.value)} required />
        </Field>
      </InlineForm>
      {agents.data && agents.data.items.length > 0 && <VaultForm agents={agents.data.items} />}
      {agents.data && agents.data.items.length > 0 && <Templates agents={agents.data.items} />}
    </div>
  );
}

/** Sets a vault key of an agent; the value is cleared once moxxy has it, and Baton keeps it nowhere. */
export function VaultForm({ agents }: { agents: string[] }) {
  const [agent, setAgent] = useState(agents[0]);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const save = useMutation({
    mutationFn: () => call('POST', paths.vault(agent), { key, value }),
    onSuccess: () => setValue(''),
  });
  return (
    <form
      className="settings-inline"
      aria-label="Vault key"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <SelectField label="Agent" value={agent} onChange={setAgent} options={agents} />
      <Field label="Key">
        <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="GITHUB_TOKEN" required />
      </Field>
      <Field label="Value">
        <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required />
      </Field>
      <button type="submit" disabled={save.isPending}>
        Set in vault
      </button>
      {save.isSuccess && <span role="status">{key} set in moxxy's vault</span>}
      {save.isError && <ErrorText error={save.error} />}
    </form>
  );
}

interface BoardTask {
  task_id: string;
  title: string;
  column: string;
  status: string | null;
}

/** The project's moxxy jobs (state, tasks, tracking) with cancel and approve-merge, and a job started from tasks. */
export function MoxxyJobs({ projectId }: { projectId: string }) {
  const client = useQueryClient();
  const key = ['settings', 'moxxy', 'jobs', projectId];
  const jobs = useQuery({
    queryKey: key,
    queryFn: () => call<Items<MoxxyJob>>('GET', paths.jobs(projectId)),
    // Baton follows the jobs on moxxy; while one has not ended, its row is read again every 2 s.
    refetchInterval: (query) =>
      query.state.data?.items.some((job) => job.task_status === 'queued' || job.task_status === 'running') ? 2_000 : false,
  });
  const board = useQuery({
    queryKey: ['settings', 'board', projectId],
    queryFn: () => call<{ columns: { tasks: BoardTask[] }[] }>('GET', paths.board(projectId)),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const start = useMutation({
    mutationFn: async () => {
      const started = await call<{ job_id: string; version: number }>('POST', paths.jobs(projectId), { task_ids: selected });
      // the list is read once the server's read model has the job
      return call('GET', `${paths.job(started.job_id)}?min_version=${started.version}`);
    },
    onSuccess: () => {
      setSelected([]);
      refresh();
      client.invalidateQueries({ queryKey: ['settings', 'board', projectId] }); // its tasks are no longer offered
    },
  });
  const act = useMutation({
    mutationFn: ({ jobId, action }: { jobId: string; action: 'cancel' | 'approve-merge' }) =>
      call('POST', paths.jobAction(jobId, action)),
    onSettled: refresh,
  });
  const titles = new Map(board.data?.columns.flatMap((c) => c.tasks).map((t) => [t.task_id, t.title]) ?? []);
  const startable = board.data?.columns.flatMap((c) => c.tasks).filter((t) => t.column === 'backlog' || t.column === 'todo') ?? [];
  return (
    <div>
      <h3>Jobs of this project</h3>
      {jobs.isError && <ErrorText error={jobs.error} />}
      {act.isError && <ErrorText error={act.error} />}
      <table className="settings-table">
        <thead>
          <tr>
            <th>Started</th>
            <th>Agent</th>
            <th>State</th>
            <th>Tasks</th>
            <th>Tracking</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {jobs.data?.items.map((job) => {
            const active = job.task_status === 'queued' || job.task_status === 'running';
            return (
              <tr key={job.job_id}>
                <td>{new Date(job.started_at).toLocaleString()}</td>
                <td>{job.agent}</td>
                <td>
                  {job.state ?? 'queued'} ({job.task_status}){job.detail ? ` — ${job.detail}` : ''}
                </td>
                <td>{job.task_ids.map((id) => titles.get(id) ?? id).join(', ')}</td>
                <td>{job.tracking === 'ok' ? 'ok' : `${job.tracking}: ${job.problem ?? ''}`}</td>
                <td>
                  <button type="button" disabled={!active} onClick={() => act.mutate({ jobId: job.job_id, action: 'cancel' })}>
                    Cancel
                  </button>
                  <button
                    type="button"
                    disabled={!active}
                    onClick={() => act.mutate({ jobId: job.job_id, action: 'approve-merge' })}
                  >
                    Approve merge
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        aria-label="Start orchestration"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <fieldset>
          <legend>Start orchestration on moxxy with these tasks</legend>
          {startable.length === 0 && <p>No tasks in Backlog or To Do.</p>}
          {startable.map((task) => (
            <label key={task.task_id} className="settings-check">
              <input
                type="checkbox"
                checked={selected.includes(task.task_id)}
                onChange={(e) =>
                  setSelected(e.target.checked ? [...selected, task.task_id] : selected.filter((id) => id !== task.task_id))
                }
              />
              {task.title}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={selected.length === 0 || start.isPending}>
          Start orchestration
        </button>
        {start.isError && <ErrorText error={start.error} />}
      </form>
    </div>
  );
}
