import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, createProject, fetchFilteredBoard, fetchProject, type NewProject } from '../api';
import { boardKey, projectsKey } from '../hooks';
import { Field } from '../components/Field';
import { OwnerSelect } from '../components/OwnerSelect';
import { Dialog, ErrorMessage } from './Dialog';

export type RepoSource = 'local' | 'url';

export interface ProjectFields {
  name: string;
  vision: string;
  source: RepoSource;
  localPath: string;
  repoUrl: string;
  defaultBranch: string;
  install: string;
  test: string;
  lint: string;
  /** The team that will own the project; '' for the caller (and with accounts off). */
  teamId: string;
}

export const EMPTY_PROJECT: ProjectFields = {
  name: '',
  vision: '',
  source: 'local',
  localPath: '',
  repoUrl: '',
  defaultBranch: 'main',
  install: '',
  test: '',
  lint: '',
  teamId: '',
};

/** Validation of the New Project form: field name → message. */
export function validateProject(f: ProjectFields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.name.trim()) errors.name = 'A name is required.';
  if (f.source === 'local' && !f.localPath.trim()) errors.localPath = 'The path of a git repository on the server is required.';
  if (f.source === 'url' && !f.repoUrl.trim()) errors.repoUrl = 'The repository URL is required.';
  return errors;
}

/** The `POST /projects` body of the form: exactly one of local_path / repo_url, empty fields left out. */
export function projectRequest(f: ProjectFields): NewProject {
  const body: NewProject = { name: f.name.trim() };
  if (f.vision.trim()) body.vision = f.vision.trim();
  if (f.source === 'local') body.local_path = f.localPath.trim();
  else body.repo_url = f.repoUrl.trim();
  if (f.defaultBranch.trim()) body.default_branch = f.defaultBranch.trim();
  const commands: NonNullable<NewProject['commands']> = {};
  for (const key of ['install', 'test', 'lint'] as const) if (f[key].trim()) commands[key] = f[key].trim();
  if (Object.keys(commands).length) body.commands = commands;
  if (f.teamId) body.team_id = f.teamId;
  return body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `read()`'s answer, asked again while it is 404 (a read model not caught up yet), at most 5 s; null if never found. */
async function untilFound<T>(read: () => Promise<T>): Promise<T | null> {
  for (let i = 0; i < 50; i++) {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) return null;
      await sleep(100);
    }
  }
  return null;
}

interface Props {
  onClose: () => void;
  /** Called with the new project's id once it can be read (its board included). */
  onCreated: (projectId: string) => void;
}

/** `POST /projects` from the sidebar's New project button. */
export function NewProjectDialog({ onClose, onCreated }: Props) {
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<ProjectFields>(EMPTY_PROJECT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: keyof ProjectFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateProject(fields);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    setFailure(null);
    let created: { project_id: string; version: number };
    try {
      created = await createProject(projectRequest(fields));
    } catch (err) {
      setFailure(err);
      setSaving(false);
      return;
    }
    const projectId = created.project_id;
    // Read our own write: the project, then its board (another read model), before showing it.
    await untilFound(() => fetchProject(projectId, created.version));
    const board = await untilFound(() => fetchFilteredBoard(projectId, undefined));
    if (board) queryClient.setQueryData(boardKey(projectId), board);
    await queryClient.invalidateQueries({ queryKey: projectsKey });
    setSaving(false);
    onCreated(projectId);
  };

  const field = (key: keyof ProjectFields, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={label} error={errors[key]}>
      <input value={fields[key]} onChange={set(key)} {...props} />
    </Field>
  );

  return (
    <Dialog title="New project" onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        {field('name', 'Name', { required: true })}
        <OwnerSelect
          value={fields.teamId}
          onChange={(teamId) => setFields((f) => ({ ...f, teamId }))}
          hint="Everyone in the team sees the project; members and admins also change it."
        />
        <Field label="Vision">
          <textarea rows={2} value={fields.vision} onChange={set('vision')} placeholder="optional" />
        </Field>
        <fieldset className="field radio-row">
          <legend>Repository</legend>
          <label>
            <input
              type="radio"
              name="new-project-source"
              checked={fields.source === 'local'}
              onChange={() => setFields((f) => ({ ...f, source: 'local' }))}
            />{' '}
            A local path on the server
          </label>
          <label>
            <input
              type="radio"
              name="new-project-source"
              checked={fields.source === 'url'}
              onChange={() => setFields((f) => ({ ...f, source: 'url' }))}
            />{' '}
            A repository URL
          </label>
        </fieldset>
        {fields.source === 'local'
          ? field('localPath', 'Local path', { required: true, placeholder: '/srv/repos/my-app' })
          : field('repoUrl', 'Repository URL', { required: true, placeholder: 'https://github.com/me/my-app.git' })}
        {field('defaultBranch', 'Default branch')}
        <div className="form-row form-row-3">
          {field('install', 'Install command', { placeholder: 'optional' })}
          {field('test', 'Test command', { placeholder: 'optional' })}
          {field('lint', 'Lint command', { placeholder: 'optional' })}
        </div>
        <ErrorMessage error={failure} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Creating…' : 'Create project'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
