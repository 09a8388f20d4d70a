import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createTask, type AgentProfile, type BoardColumn, type NewTask } from '../api';
import { splitList } from '../board';
import { boardKey, projectsKey } from '../hooks';
import { Field } from '../components/Field';
import { Dialog, ErrorMessage } from './Dialog';
import { AgentOptions, LabelsAndPriority } from './TaskFields';

interface Props {
  projectId: string;
  columns: BoardColumn[];
  agents: AgentProfile[];
  onClose: () => void;
  onCreated?: (taskId: string) => void;
}

/** Validation of the New Task form: field name → message. */
export function validateTask(title: string, criteria: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!title.trim()) errors.title = 'A title is required.';
  else if (title.trim().length > 200) errors.title = 'The title is longer than 200 characters.';
  if (criteria.some((c, i) => !c.trim() && i < criteria.length - 1)) errors.criteria = 'Remove the empty criteria.';
  return errors;
}

export function NewTaskDialog({ projectId, columns, agents, onClose, onCreated }: Props) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [criteria, setCriteria] = useState<string[]>(['']);
  const [labels, setLabels] = useState('');
  const [priority, setPriority] = useState('');
  const [column, setColumn] = useState(columns[0]?.id ?? 'backlog');
  const [agent, setAgent] = useState('');
  const [dependsOn, setDependsOn] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const tasks = columns.flatMap((c) => c.tasks);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateTask(title, criteria);
    setErrors(found);
    if (Object.keys(found).length) return;
    const task: NewTask = { title: title.trim(), column };
    if (description.trim()) task.description = description;
    const ac = criteria.map((c) => c.trim()).filter(Boolean);
    if (ac.length) task.acceptance_criteria = ac;
    const ls = splitList(labels);
    if (ls.length) task.labels = ls;
    if (priority !== '') task.priority = Number(priority);
    if (agent) task.agent_profile_id = agent;
    if (dependsOn.length) task.depends_on = dependsOn;
    setSaving(true);
    setFailure(null);
    try {
      const created = await createTask(projectId, task);
      void queryClient.invalidateQueries({ queryKey: boardKey(projectId) });
      void queryClient.invalidateQueries({ queryKey: projectsKey });
      onCreated?.(created.task_id);
      onClose();
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="New task" onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Title" error={errors.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </Field>
        <Field label="Description">
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <fieldset className="field">
          <legend>Acceptance criteria</legend>
          <ol className="criteria">
            {criteria.map((c, i) => (
              <li key={i}>
                <input
                  aria-label={`Criterion ${i + 1}`}
                  value={c}
                  onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? e.target.value : x)))}
                />
                {criteria.length > 1 && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove criterion ${i + 1}`}
                    onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ol>
          <button type="button" className="link-button" onClick={() => setCriteria([...criteria, ''])}>
            Add criterion
          </button>
          {errors.criteria && <span className="field-error">{errors.criteria}</span>}
        </fieldset>
        <LabelsAndPriority labels={labels} onLabels={setLabels} priority={priority} onPriority={setPriority} />
        <div className="form-row">
          <Field label="Column">
            <select value={column} onChange={(e) => setColumn(e.target.value)}>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Agent profile">
            <select value={agent} onChange={(e) => setAgent(e.target.value)}>
              <option value="">None</option>
              <AgentOptions agents={agents} />
            </select>
          </Field>
        </div>
        {tasks.length > 0 && (
          <fieldset className="field">
            <legend>Depends on</legend>
            <ul className="check-list">
              {tasks.map((t) => (
                <li key={t.task_id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={dependsOn.includes(t.task_id)}
                      onChange={(e) =>
                        setDependsOn(e.target.checked ? [...dependsOn, t.task_id] : dependsOn.filter((d) => d !== t.task_id))
                      }
                    />
                    {t.title}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <ErrorMessage error={failure} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Creating…' : 'Create task'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
