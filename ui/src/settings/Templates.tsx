import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Field, SelectField } from '../components/Field';
import { call, paths, type Items } from './api';
import { ErrorText } from './ErrorText';
import { EditableList } from './EditableList';
import { SaveOrCancel } from './SaveOrCancel';
import {
  FAILURE_POLICIES,
  fieldsOf,
  MERGE_POLICIES,
  NEW_PROFILE,
  templateOf,
  validateTemplate,
  WORKER_MODES,
  type SpawnProfile,
  type Template,
  type TemplateFields,
} from './templates';

const templatesKey = (agent: string) => ['settings', 'moxxy', 'templates', agent];

/** An agent's orchestrator templates (moxxy seeds six), each with its roles: created, edited and deleted. */
export function Templates({ agents }: { agents: string[] }) {
  const client = useQueryClient();
  const [agent, setAgent] = useState(agents[0]);
  const templates = useQuery({
    queryKey: templatesKey(agent),
    queryFn: () => call<Items<Template>>('GET', paths.templates(agent)),
  });
  const remove = useMutation({
    mutationFn: (templateId: string) => call('DELETE', paths.template(agent, templateId)),
    onSuccess: () => client.invalidateQueries({ queryKey: templatesKey(agent) }),
  });
  return (
    <div>
      <h3>Orchestrator templates</h3>
      <SelectField label="Templates of agent" value={agent} onChange={setAgent} options={agents} />
      {templates.isError && <ErrorText error={templates.error} />}
      {remove.isError && <ErrorText error={remove.error} />}
      <EditableList
        key={agent}
        label="Templates"
        newLabel="New template"
        items={templates.data?.items}
        keyOf={(t) => t.template_id}
        nameOf={(t) => `template ${t.template_id}`}
        describe={(t) => (
          <>
            <strong>{t.name}</strong> <code>{t.template_id}</code> — {t.description}
            {t.default_worker_mode ? ` · ${t.default_worker_mode}` : ''} · roles:{' '}
            {t.spawn_profiles.map((p) => p.role).join(', ') || 'none'}
          </>
        )}
        onDelete={(t) => remove.mutate(t.template_id)}
        form={(template, done) => (
          <TemplateForm
            agent={agent}
            template={template}
            takenIds={templates.data?.items.map((t) => t.template_id) ?? []}
            onDone={done}
          />
        )}
      />
    </div>
  );
}

/** The text fields of a worker profile, with their labels. */
const PROFILE_FIELDS: [keyof SpawnProfile, string][] = [
  ['role', 'Role'],
  ['persona', 'Persona'],
  ['provider', 'Provider'],
  ['model', 'Model'],
  ['runtime_type', 'Runtime type'],
  ['image_profile', 'Image profile'],
];

/**
 * Creates a template of the agent (POST), or edits one (PATCH; its id stays). What moxxy would refuse is shown at
 * its field before anything is sent; what it refuses all the same, with its message. The list is read again once
 * moxxy has the template.
 */
export function TemplateForm({
  agent,
  template,
  takenIds,
  onDone,
}: {
  agent: string;
  template: Template | null;
  /** The ids of the agent's templates, none of which a new one may take. */
  takenIds: readonly string[];
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [fields, setFields] = useState<TemplateFields>(() => fieldsOf(template));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const { template_id, ...changes } = templateOf(fields);
      return template
        ? call<Template>('PATCH', paths.template(agent, template.template_id), changes)
        : call<Template>('POST', paths.templates(agent), { template_id, ...changes });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: templatesKey(agent) });
      onDone();
    },
  });
  const set = (key: Exclude<keyof TemplateFields, 'spawn_profiles'>, value: string) =>
    setFields((f) => ({ ...f, [key]: value }));
  const setProfiles = (change: (profiles: SpawnProfile[]) => SpawnProfile[]) =>
    setFields((f) => ({ ...f, spawn_profiles: change(f.spawn_profiles) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateTemplate(fields, template, takenIds);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  const title = template ? `Edit template ${template.template_id}` : 'New template';
  type Default = Exclude<keyof TemplateFields, 'spawn_profiles' | 'template_id' | 'name' | 'description'>;
  // a default: moxxy's own (left empty), or one of `values`
  const choice = (key: Default, label: string, values: readonly string[]) => (
    <SelectField
      label={label}
      value={fields[key]}
      onChange={(value) => set(key, value)}
      options={values}
      empty="moxxy's default"
      error={errors[key]}
    />
  );
  const whole = (key: Default, label: string, min: number) => (
    <Field label={label} error={errors[key]}>
      <input type="number" min={min} value={fields[key]} onChange={(e) => set(key, e.target.value)} />
    </Field>
  );

  return (
    <form className="settings-form" onSubmit={submit} aria-label={title} noValidate>
      <h4>{title}</h4>
      <Field label="Template id" error={errors.template_id} hint={template ? 'A template keeps its id.' : undefined}>
        <input value={fields.template_id} onChange={(e) => set('template_id', e.target.value)} readOnly={template !== null} />
      </Field>
      <Field label="Name" error={errors.name}>
        <input value={fields.name} onChange={(e) => set('name', e.target.value)} />
      </Field>
      <Field label="Description">
        <textarea value={fields.description} onChange={(e) => set('description', e.target.value)} rows={2} />
      </Field>
      <fieldset>
        <legend>Defaults of its jobs</legend>
        {choice('default_worker_mode', 'Worker mode', WORKER_MODES)}
        {whole('default_max_parallelism', 'Max parallelism', 1)}
        {whole('default_retry_limit', 'Retry limit', 0)}
        {choice('default_failure_policy', 'Failure policy', FAILURE_POLICIES)}
        {choice('default_merge_policy', 'Merge policy', MERGE_POLICIES)}
      </fieldset>
      {fields.spawn_profiles.map((profile, i) => (
        <fieldset key={i}>
          <legend>Worker profile {i + 1}</legend>
          {PROFILE_FIELDS.map(([key, label]) => (
            <Field key={key} label={label} error={errors[`spawn_profiles.${i}.${key}`]}>
              <input
                value={profile[key]}
                onChange={(e) => setProfiles((all) => all.map((p, j) => (j === i ? { ...p, [key]: e.target.value } : p)))}
              />
            </Field>
          ))}
          <button
            type="button"
            onClick={() => setProfiles((all) => all.filter((_, j) => j !== i))}
            aria-label={`Remove worker profile ${i + 1}`}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <div className="settings-actions">
        <button type="button" onClick={() => setProfiles((all) => [...all, { ...NEW_PROFILE }])}>
          Add worker profile
        </button>
      </div>
      <SaveOrCancel
        label={template ? 'Save template' : 'Create template'}
        saving={save.isPending}
        onCancel={onDone}
        error={save.error}
      />
    </form>
  );
}
