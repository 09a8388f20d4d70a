import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, numberOrNull, paths, type ProjectSettings, type ValidationCheck } from './api';
import { Field } from '../components/Field';
import { ErrorText } from './ErrorText';

/** The project's settings (name, vision, branch, gate commands, budgets, bot identity), saved with PATCH; Validate. */
export function ProjectSettingsForm({ projectId }: { projectId: string }) {
  const project = useQuery({
    queryKey: ['settings', 'project', projectId],
    queryFn: () => call<ProjectSettings>('GET', paths.project(projectId)),
  });
  if (project.isPending) return <p role="status">Loading the project…</p>;
  if (project.isError) return <ErrorText error={project.error} />;
  return <ProjectForm key={project.data.version} project={project.data} />;
}

function ProjectForm({ project }: { project: ProjectSettings }) {
  const client = useQueryClient();
  const [name, setName] = useState(project.name);
  const [vision, setVision] = useState(project.vision ?? '');
  const [branch, setBranch] = useState(project.default_branch ?? 'main');
  const [install, setInstall] = useState(project.commands?.install ?? '');
  const [test, setTest] = useState(project.commands?.test ?? '');
  const [lint, setLint] = useState(project.commands?.lint ?? '');
  const [parallel, setParallel] = useState(String(project.budgets?.max_parallel_attempts ?? ''));
  const [runtime, setRuntime] = useState(String(project.budgets?.max_runtime_seconds ?? ''));
  const [botName, setBotName] = useState(project.bot_identity?.name ?? '');
  const [botEmail, setBotEmail] = useState(project.bot_identity?.email ?? '');

  const save = useMutation({
    mutationFn: () =>
      call<{ version: number }>('PATCH', paths.project(project.project_id), {
        name,
        vision,
        default_branch: branch,
        commands: { install: install || null, test: test || null, lint: lint || null },
        budgets: { max_parallel_attempts: numberOrNull(parallel), max_runtime_seconds: numberOrNull(runtime) },
        ...(botName || botEmail ? { bot_identity: { name: botName, email: botEmail } } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['projects'] }),
  });
  const validate = useMutation({
    mutationFn: () => call<{ ok: boolean; checks: ValidationCheck[] }>('POST', paths.validate(project.project_id)),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Project settings">
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Vision">
        <textarea value={vision} onChange={(e) => setVision(e.target.value)} rows={3} />
      </Field>
      <Field label="Default branch">
        <input value={branch} onChange={(e) => setBranch(e.target.value)} />
      </Field>
      <fieldset>
        <legend>Gates (shell commands run in each attempt's worktree)</legend>
        <Field label="Install">
          <input value={install} onChange={(e) => setInstall(e.target.value)} placeholder="npm ci" />
        </Field>
        <Field label="Test">
          <input value={test} onChange={(e) => setTest(e.target.value)} placeholder="npm test" />
        </Field>
        <Field label="Lint">
          <input value={lint} onChange={(e) => setLint(e.target.value)} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Budgets</legend>
        <Field label="Parallel attempts">
          <input type="number" min={1} value={parallel} onChange={(e) => setParallel(e.target.value)} />
        </Field>
        <Field label="Runtime per attempt (s)">
          <input type="number" min={1} value={runtime} onChange={(e) => setRuntime(e.target.value)} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Bot identity (author of the agents' commits)</legend>
        <Field label="Bot name">
          <input value={botName} onChange={(e) => setBotName(e.target.value)} />
        </Field>
        <Field label="Bot email">
          <input type="email" value={botEmail} onChange={(e) => setBotEmail(e.target.value)} />
        </Field>
      </fieldset>
      <div className="settings-actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => validate.mutate()} disabled={validate.isPending}>
          {validate.isPending ? 'Validating…' : 'Validate'}
        </button>
        {save.isSuccess && <span role="status">Saved (version {save.data.version})</span>}
      </div>
      {save.isError && <ErrorText error={save.error} />}
      {validate.isError && <ErrorText error={validate.error} />}
      {validate.isSuccess && (
        <ul className="checks" aria-label="Validation checks">
          {validate.data.checks.map((check) => (
            <li key={check.name} className={check.ok ? 'check-ok' : 'check-failed'}>
              <strong>{check.ok ? '✓' : '✗'} {check.name}</strong> {check.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
